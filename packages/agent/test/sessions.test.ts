/**
 * Sessions end to end: a real `bosun server` process (TLS, pinned CA), a real bosun-agent
 * process, StartSession through the AWS SDK and the shared ClientSession on the StreamUrl —
 * the path `bosun session`, the console and session-manager-plugin take.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateActivationCommand, DescribeSessionsCommand, SSMClient, StartSessionCommand } from '@aws-sdk/client-ssm';
import { ClientSession } from '@bosun/protocol/session/client-session';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { bosunServerProcess, type ServerProcess } from './bosun-server-process';
import { waitFor } from './fake-server';
import { interruptGroup } from '../../server/test/aws-cli';

const SSM_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('sessions through a real server to a real agent', () => {
  let server: ServerProcess;
  let ssm: SSMClient;
  let agent: AgentProcess;
  let instanceId: string;
  let ca: string;

  before(async () => {
    server = await bosunServerProcess();
    await server.start();
    ca = fs.readFileSync(server.tls.caFile, 'utf8');
    const config = { endpoint: server.url, region: 'us-east-1', credentials: server.admin, maxAttempts: 1, requestHandler: server.requestHandler };
    ssm = new SSMClient(config);
    const iam = new IAMClient(config);
    await iam.send(new CreateRoleCommand({ RoleName: 'SessionNodeRole', AssumeRolePolicyDocument: SSM_TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'SessionNodeRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    const activation = await ssm.send(new CreateActivationCommand({ IamRole: 'SessionNodeRole', RegistrationLimit: 1 }));
    const dir = tempStateDir();
    const result = await agentCommand(['register', '--url', server.url, '--activation-id', activation.ActivationId!, '--activation-code', activation.ActivationCode!, '--ca-fingerprint', server.tls.caFingerprint, '--state-dir', dir]);
    assert.equal(result.status, 0, result.stderr);
    instanceId = /registered as (mi-\w+)/.exec(result.stdout)![1];
    agent = runAgentProcess(dir, ['--log-level', 'debug']);
    await waitFor('the agent online', async () => {
      const { InstanceInformationList } = await ssm.send(new (await import('@aws-sdk/client-ssm')).DescribeInstanceInformationCommand({}));
      return InstanceInformationList?.some((i) => i.InstanceId === instanceId && i.PingStatus === 'Online');
    }, 20_000);
  });
  after(async () => {
    await agent?.stop();
    await server?.kill();
  });

  /** StartSession, then the client end on the StreamUrl. */
  async function open(documentName: string | undefined, parameters?: Record<string, string[]>) {
    const started = await ssm.send(new StartSessionCommand({ Target: instanceId, DocumentName: documentName, Parameters: parameters }));
    const socket = new WebSocket(started.StreamUrl!, { ca });
    let text = '';
    let exitCode: number | undefined;
    let portErrors = 0;
    const session = new ClientSession({
      socket: socket as never,
      tokenValue: started.TokenValue!,
      onOutput: (bytes) => (text += Buffer.from(bytes).toString('utf8')),
      onExit: (code) => (exitCode = code),
      onPortError: () => portErrors++,
    });
    return {
      id: started.SessionId!,
      session,
      text: () => text,
      exitCode: () => exitCode,
      portErrors: () => portErrors,
      waitText: (pattern: RegExp, what = String(pattern)) => waitFor(`output ${what}`, () => pattern.test(text) && text, 15_000),
    };
  }

  it('a shell: runs as ssm-user, answers $((6*7)), follows a resize and ends with the exit code', async () => {
    const s = await open(undefined);
    await s.session.ready;
    s.session.resize(100, 30);
    s.session.write(new TextEncoder().encode('id -un; stty size; echo "=$((6*7))="\n'));
    await s.waitText(/=42=/);
    assert.match(s.text(), /30 100/);
    if (process.getuid?.() === 0) assert.match(s.text(), /ssm-user/);
    s.session.resize(132, 43);
    s.session.write(new TextEncoder().encode('stty size\n'));
    await s.waitText(/43 132/);
    s.session.write(new TextEncoder().encode('exit 3\n'));
    const closed = await s.session.closed;
    assert.equal(closed.byService, true);
    assert.equal(s.exitCode(), 3);
    const history = await waitFor('the session in History', async () => {
      const { Sessions } = await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: s.id }] }));
      return Sessions?.[0];
    });
    assert.equal(history.Status, 'Terminated');
  });

  it('port forwarding: 20 connections at once each move 10 MB to an echo server and back intact', async () => {
    const echo = net.createServer((socket) => socket.pipe(socket)).listen(0, '127.0.0.1');
    await new Promise((r) => echo.once('listening', r));
    const port = (echo.address() as net.AddressInfo).port;
    try {
      const s = await open('AWS-StartPortForwardingSession', { portNumber: [String(port)], localPortNumber: ['0'] });
      const ready = await s.session.ready;
      assert.equal(ready.multiplexed, true);
      const SIZE = 10 * 1024 * 1024;
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const data = crypto.randomBytes(SIZE);
          const sent = crypto.createHash('sha256').update(data).digest('hex');
          const stream = s.session.openStream();
          const hash = crypto.createHash('sha256');
          let received = 0;
          return new Promise<{ sent: string; got: string }>((resolve) => {
            stream.onData = (bytes) => {
              hash.update(bytes);
              received += bytes.length;
              if (received === SIZE) {
                stream.end();
                resolve({ sent, got: hash.digest('hex') });
              }
            };
            for (let offset = 0; offset < SIZE; offset += 32 * 1024) stream.write(data.subarray(offset, offset + 32 * 1024));
            void i;
          });
        }),
      );
      for (const r of results) assert.equal(r.got, r.sent);
      console.log(`# port forwarding: 20 × 10 MB echoed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      s.session.close();
    } finally {
      echo.close();
    }
  });

  it('a port session to the cloud metadata address is refused with ConnectToPortError', async () => {
    const s = await open('AWS-StartPortForwardingSessionToRemoteHost', { host: ['169.254.169.254'], portNumber: ['80'], localPortNumber: ['0'] });
    await s.session.ready;
    await waitFor('ConnectToPortError', () => s.portErrors() > 0);
    const closed = await s.session.closed;
    assert.equal(closed.byService, true);
    const history = await waitFor('the session in History', async () => {
      const { Sessions } = await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: s.id }] }));
      return Sessions?.[0];
    });
    assert.equal(history.Status, 'Terminated');
  });

  const plugin = '/usr/local/bin/session-manager-plugin';
  it('the unmodified session-manager-plugin forwards a port through aws ssm start-session', { skip: !fs.existsSync(plugin) && 'session-manager-plugin is not installed' }, async () => {
    const echo = net.createServer((socket) => socket.pipe(socket)).listen(0, '127.0.0.1');
    await new Promise((r) => echo.once('listening', r));
    const port = (echo.address() as net.AddressInfo).port;
    const free = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => free.once('listening', r));
    const localPort = (free.address() as net.AddressInfo).port;
    await new Promise((r) => free.close(r));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-aws-cli-'));
    // the real aws CLI (not a wrapper first on PATH) finds the plugin on PATH
    const cli = spawn('/usr/bin/aws', ['ssm', 'start-session', '--target', instanceId, '--document-name', 'AWS-StartPortForwardingSession',
      '--parameters', `portNumber=${port},localPortNumber=${localPort}`, '--endpoint-url', server.url, '--region', 'us-east-1'], {
      env: { PATH: `/usr/local/bin:/usr/bin:/bin`, HOME: home, AWS_ACCESS_KEY_ID: server.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: server.admin.secretAccessKey, AWS_CA_BUNDLE: server.tls.caFile, SSL_CERT_FILE: server.tls.caFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group: the aws CLI ignores SIGINT while the plugin runs (a terminal
      // signals the whole group), and a plugin left running keeps this test process alive
      detached: true,
    });
    let out = '';
    cli.stdout.on('data', (d) => (out += d));
    cli.stderr.on('data', (d) => (out += d));
    try {
      await waitFor('the plugin listening', () => /Waiting for connections/.test(out), 20_000).catch((error: Error) => {
        throw new Error(`${error.message}; aws said: ${out}`);
      });
      const data = crypto.randomBytes(4 * 1024 * 1024);
      const got = await Promise.all([0, 1, 2].map(() => new Promise<string>((resolve, reject) => {
        const socket = net.connect(localPort, '127.0.0.1');
        const hash = crypto.createHash('sha256');
        let n = 0;
        socket.on('data', (d) => {
          hash.update(d);
          n += d.length;
          if (n === data.length) {
            resolve(hash.digest('hex'));
            socket.destroy();
          }
        });
        socket.on('error', reject);
        socket.write(data);
      })));
      const sent = crypto.createHash('sha256').update(data).digest('hex');
      assert.deepEqual(got, [sent, sent, sent], out);
    } finally {
      await interruptGroup(cli);
      echo.close();
    }
  });
});
