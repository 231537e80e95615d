/**
 * A real `bosun server` process (the CLI, as an operator runs it) on a fixed port with TLS
 * from the server's own CA code, and admin credentials from `bosun init`. It can be killed
 * (SIGKILL, like a crash) and started again on the same port and data directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ensureServerTls, type ServerTls } from '@bosun/server/tls/index';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const BOSUN = path.join(repo, 'packages/cli/bin/bosun.js');

export interface ServerProcess {
  url: string;
  port: number;
  tls: ServerTls;
  admin: { accessKeyId: string; secretAccessKey: string };
  /** An SDK request handler that trusts the server's CA. */
  requestHandler: NodeHttpHandler;
  start(): Promise<void>;
  kill(): Promise<void>;
  output(): string;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

export async function bosunServerProcess(): Promise<ServerProcess> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-server-process-'));
  const dataDir = path.join(root, 'data');
  const env = {
    ...process.env,
    AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'credentials'),
    AWS_CONFIG_FILE: path.join(root, 'config'),
  };
  const init = spawnSync(process.execPath, [BOSUN, 'init', '--data-dir', dataDir], { env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`bosun init failed: ${init.stderr}`);
  const ini = fs.readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, 'utf8');
  const admin = {
    accessKeyId: /aws_access_key_id\s*=\s*(\S+)/.exec(ini)![1],
    secretAccessKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(ini)![1],
  };
  const tls = await ensureServerTls(dataDir, { hostnames: [] });
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';
  const serverEnv = { ...env, BOSUN_TLS_CERT: tls.certFile, BOSUN_TLS_KEY: tls.keyFile, BOSUN_AGENT_HEARTBEAT_SECONDS: '1', BOSUN_LOG_LEVEL: 'warn' };
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    tls,
    admin,
    requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ ca: fs.readFileSync(tls.caFile) }) }),
    output: () => output,
    async start() {
      const from = output.length; // wait for this start's banner, not the previous one's
      child = spawn(process.execPath, [BOSUN, 'server', '--data-dir', dataDir, '--port', String(port)], { env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      const deadline = Date.now() + 30_000;
      while (!output.slice(from).includes('listening on')) {
        if (child.exitCode !== null) throw new Error(`bosun server exited: ${output}`);
        if (Date.now() > deadline) throw new Error(`bosun server did not start: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
