/**
 * For the session CLI tests: a real `bosun server` process serving TLS from its own CA, a real
 * bosun-agent process registered to it, and an AWS profile (keys, endpoint_url, ca_bundle) in a
 * sandbox home, so `bosun session` / `bosun port-forward` run exactly as a user runs them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateActivationCommand, DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from '../../agent/test/agent-process';
import { bosunServerProcess, type ServerProcess } from '../../agent/test/bosun-server-process';
import { writeIniSection } from '../src/aws-profile';
import { bosunBin, sandbox } from './processes';

const SSM_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export interface SessionFixture {
  server: ServerProcess;
  agent: AgentProcess;
  ssm: SSMClient;
  instanceId: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function sessionFixture(): Promise<SessionFixture> {
  const box = sandbox();
  // AWS: AWS_CA_BUNDLE wins over the profile's ca_bundle; the tests use the profile's.
  delete box.env.AWS_CA_BUNDLE;
  const server = await bosunServerProcess();
  await server.start();
  const config = { endpoint: server.url, region: 'us-east-1', credentials: server.admin, maxAttempts: 1, requestHandler: server.requestHandler };
  const ssm = new SSMClient(config);
  const iam = new IAMClient(config);
  await iam.send(new CreateRoleCommand({ RoleName: 'CliSessionNodeRole', AssumeRolePolicyDocument: SSM_TRUST }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'CliSessionNodeRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
  const activation = await ssm.send(new CreateActivationCommand({ IamRole: 'CliSessionNodeRole', RegistrationLimit: 1 }));
  const dir = tempStateDir();
  const registered = await agentCommand(['register', '--url', server.url, '--activation-id', activation.ActivationId!, '--activation-code', activation.ActivationCode!, '--ca-fingerprint', server.tls.caFingerprint, '--state-dir', dir]);
  if (registered.status !== 0) throw new Error(`agent register failed: ${registered.stderr}`);
  const instanceId = /registered as (mi-\w+)/.exec(registered.stdout)![1];
  const agent = runAgentProcess(dir);
  await waitFor('the agent online', async () => {
    const { InstanceInformationList } = await ssm.send(new DescribeInstanceInformationCommand({}));
    return InstanceInformationList?.some((i) => i.InstanceId === instanceId && i.PingStatus === 'Online');
  });
  writeIniSection(box.env.AWS_SHARED_CREDENTIALS_FILE!, 'bosun', { aws_access_key_id: server.admin.accessKeyId, aws_secret_access_key: server.admin.secretAccessKey });
  writeIniSection(box.env.AWS_CONFIG_FILE!, 'profile bosun', { region: 'us-east-1', output: 'json', endpoint_url: server.url, ca_bundle: server.tls.caFile });
  return {
    server, agent, ssm, instanceId, env: box.env,
    stop: async () => {
      await agent.stop();
      await server.kill();
      box.cleanup();
    },
  };
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit status once the process has exited and its pipes are read. */
  exited: Promise<number | null>;
}

/** Starts `bosun <args>` with piped stdio. */
export function spawnBosun(args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [bosunBin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** A TCP echo server on 127.0.0.1 (the port-forwarding destination). */
export async function echoServer(): Promise<{ port: number; close(): void }> {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => socket.pipe(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

/**
 * Opens `connections` TCP connections to 127.0.0.1:`port` at once; each sends `size` random
 * bytes, ends its side (unless `halfClose` is false) and reads the echo to the end. Returns the SHA-256 of what each sent
 * and of what it got back.
 */
export function echoThrough(port: number, connections: number, size: number, options: { halfClose?: boolean } = {}): Promise<{ sent: string; got: string; bytes: number }[]> {
  const halfClose = options.halfClose ?? true;
  return Promise.all(Array.from({ length: connections }, () => new Promise<{ sent: string; got: string; bytes: number }>((resolve, reject) => {
    const data = crypto.randomBytes(size);
    const sent = crypto.createHash('sha256').update(data).digest('hex');
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ sent, got: hash.digest('hex'), bytes });
    };
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => (halfClose ? socket.end(data) : socket.write(data)));
    socket.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      // Without half-close (the plugin closes a stream whole when its side ends): close once all is back.
      if (!halfClose && bytes >= size) {
        socket.end();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', reject);
  })));
}
