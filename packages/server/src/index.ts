export { startServer, openStores, type RunningServer } from './server';
export { resolveConfig, defaultDataDir, DEFAULT_PORT, type ServerConfig } from './config';
export { openDatabase, type Db } from './db/index';
export { OperationRegistry } from './operations/registry';
export { allOperations } from './features/index';
