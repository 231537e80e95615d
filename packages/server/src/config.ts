import os from 'node:os';
import path from 'node:path';

/** Everything a Bosun server needs to start; the CLI fills it from flags and environment. */
export interface ServerConfig {
  /** Holds the SQLite file, the master key, blobs and TLS material. */
  dataDir: string;
  /** `postgres://…` or a SQLite path; defaults to `<dataDir>/bosun.db`. */
  databaseUrl: string;
  host: string;
  port: number;
  /** The region requests are answered for when nothing else says (SigV4 scope decides per request). */
  defaultRegion: string;
  logLevel: string;
  /** Trust X-Forwarded-For from these proxies (fastify's trustProxy); off by default. */
  trustProxy: boolean | string;
  tls?: { certFile: string; keyFile: string };
  /**
   * Where the other replicas reach this one (PostgreSQL): a session's client or node that lands
   * on another replica is relayed here through it. Defaults to the URL the server listens on.
   */
  advertiseUrl?: string;
}

export const DEFAULT_PORT = 7070;

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BOSUN_DATA_DIR ?? path.join(os.homedir(), '.bosun');
}

/** Fills the gaps in a partial configuration from BOSUN_* environment variables and defaults. */
export function resolveConfig(partial: Partial<ServerConfig> = {}, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = path.resolve(partial.dataDir ?? defaultDataDir(env));
  const certFile = env.BOSUN_TLS_CERT;
  const keyFile = env.BOSUN_TLS_KEY;
  return {
    dataDir,
    databaseUrl: partial.databaseUrl ?? env.BOSUN_DATABASE_URL ?? path.join(dataDir, 'bosun.db'),
    host: partial.host ?? env.BOSUN_HOST ?? '127.0.0.1',
    port: partial.port ?? (env.BOSUN_PORT ? Number(env.BOSUN_PORT) : DEFAULT_PORT),
    defaultRegion: partial.defaultRegion ?? env.BOSUN_REGION ?? 'us-east-1',
    logLevel: partial.logLevel ?? env.BOSUN_LOG_LEVEL ?? 'info',
    trustProxy: partial.trustProxy ?? false,
    tls: partial.tls ?? (certFile && keyFile ? { certFile, keyFile } : undefined),
    advertiseUrl: partial.advertiseUrl ?? env.BOSUN_ADVERTISE_URL,
  };
}
