// The audit journal's indexer thread (journal-indexer.ts). Threads do not inherit the module
// hooks that let the server run its TypeScript sources, so this plain-JS entry registers them
// first, as packages/cli/bin/bosun.js does for the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./journal-indexer.ts');
