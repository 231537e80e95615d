import os from 'node:os';
import { Command, Option } from 'commander';
import { resolveConfig, startServer, type RunningServer } from '@bosun/server';
import { ensureServerTls } from '@bosun/server/tls/index';
import { storeOptions } from '../store-options';

export interface ServerFlags {
  dataDir?: string;
  database?: string;
  host?: string;
  port?: string;
  region?: string;
  logLevel?: string;
  tls?: boolean;
  advertiseUrl?: string;
}

/** A running server plus what must stop before it (e.g. the local agent). */
export interface ServingProcess extends RunningServer {
  onClose(hook: () => Promise<void>): void;
  /** SHA-256 of the CA nodes pin at registration, when serving TLS. */
  caFingerprint?: string;
  caFile?: string;
}

export function serverCommand(): Command {
  return serverOptions(storeOptions(new Command('server').description('run the Bosun server (the AWS-compatible API and the agent channel)'))).action(
    async (flags: ServerFlags) => {
      const running = await runServer(flags);
      process.stderr.write(`bosun server listening on ${running.url}\n`);
      if (running.caFingerprint) process.stderr.write(`CA fingerprint for agent registration: ${running.caFingerprint}\n`);
    },
  );
}

export function serverOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--host <host>', 'address to listen on (default 127.0.0.1)').env('BOSUN_HOST'))
    .addOption(new Option('--port <port>', 'port to listen on (default 7070; 0 picks a free one)').env('BOSUN_PORT'))
    .addOption(new Option('--region <region>', 'default region').env('BOSUN_REGION'))
    .addOption(new Option('--log-level <level>', 'trace, debug, info, warn, error').env('BOSUN_LOG_LEVEL'))
    .option('--tls', 'serve HTTPS even on loopback (always on for other addresses)')
    .addOption(new Option('--advertise-url <url>', 'where the other replicas reach this one (PostgreSQL; default: the URL it listens on)').env('BOSUN_ADVERTISE_URL'));
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function runServer(flags: ServerFlags): Promise<ServingProcess> {
  const config = resolveConfig({ dataDir: flags.dataDir, databaseUrl: flags.database, host: flags.host });
  // Nodes must never talk to a server they cannot authenticate: anything but loopback is TLS,
  // with the certificate `bosun init` made (or the operator's, from BOSUN_TLS_CERT/KEY).
  const wantTls = flags.tls || !LOOPBACK.has(config.host) || !!config.tls;
  const tls = wantTls ? await ensureServerTls(config.dataDir, { hostnames: [config.host, os.hostname()].filter((h) => h !== '0.0.0.0' && h !== '::') }) : undefined;
  const running = await startServer({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    host: config.host,
    port: flags.port === undefined ? undefined : parsePort(flags.port),
    defaultRegion: flags.region,
    logLevel: flags.logLevel,
    tls: tls ? { certFile: tls.certFile, keyFile: tls.keyFile } : undefined,
    advertiseUrl: flags.advertiseUrl,
  });
  const hooks: Array<() => Promise<void>> = [];
  const serving: ServingProcess = Object.assign(running, {
    onClose: (hook: () => Promise<void>) => void hooks.push(hook),
    caFingerprint: tls?.caFingerprint,
    caFile: tls?.caFile,
  });
  const stop = async (signal: string) => {
    running.context.logger.info({ signal }, 'shutting down');
    for (const hook of hooks) await hook().catch(() => {});
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return serving;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${text}`);
  return port;
}
