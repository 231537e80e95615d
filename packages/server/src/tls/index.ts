export { ensureServerTls, type ServerTls, type TlsOptions } from './ensure-server-tls';
