import { Command, Option } from 'commander';
import { startServer, type RunningServer } from '@bosun/server';
import { storeOptions } from '../store-options';

export interface ServerFlags {
  dataDir?: string;
  database?: string;
  host?: string;
  port?: string;
  region?: string;
  logLevel?: string;
}

export function serverCommand(): Command {
  return storeOptions(new Command('server').description('run the Bosun server (the AWS-compatible API)'))
    .addOption(new Option('--host <host>', 'address to listen on').env('BOSUN_HOST'))
    .addOption(new Option('--port <port>', 'port to listen on (default 7070; 0 picks a free one)').env('BOSUN_PORT'))
    .addOption(new Option('--region <region>', 'default region').env('BOSUN_REGION'))
    .addOption(new Option('--log-level <level>', 'trace, debug, info, warn, error').env('BOSUN_LOG_LEVEL'))
    .action(async (flags: ServerFlags) => {
      const running = await runServer(flags);
      process.stderr.write(`bosun server listening on ${running.url}\n`);
    });
}

export async function runServer(flags: ServerFlags): Promise<RunningServer> {
  const running = await startServer({
    dataDir: flags.dataDir,
    databaseUrl: flags.database,
    host: flags.host,
    port: flags.port === undefined ? undefined : parsePort(flags.port),
    defaultRegion: flags.region,
    logLevel: flags.logLevel,
  });
  const stop = async (signal: string) => {
    running.context.logger.info({ signal }, 'shutting down');
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return running;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${text}`);
  return port;
}
