/**
 * End to end with a real bosun-agent process: a shell through the relay runs `echo $((6*7))`
 * and prints 42, sees its terminal size, exits with a code; the recording replays the same
 * output. With the unmodified session-manager-plugin installed, `aws ssm start-session`
 * forwards a port to a TCP echo server on the node (skipped, saying so, where it is absent).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateActivationCommand, DescribeSessionsCommand, SSMClient, StartSessionCommand } from '@aws-sdk/client-ssm';
import { asciicastOutput, parseAsciicast } from '@bosun/protocol/session/asciicast';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from '../../../../agent/test/agent-process';
import { startTestServer, type TestServer } from '../../../test/server-harness';
import { SSM_TRUST_POLICY } from '../../agents/index';
import { echoThrough, waitFor } from './testing/session-fixture';
import { interruptGroup } from '../../../test/aws-cli';

const here = path.dirname(new URL(import.meta.url).pathname);
const agentHasSessions = fs.existsSync(path.resolve(here, '../../../../agent/src/session/session-manager.ts'));
const PLUGIN = '/usr/local/bin/session-manager-plugin';
const AWS = '/usr/bin/aws';
const SCRIPT = '/usr/bin/script';

const awsEnv = (t: TestServer): NodeJS.ProcessEnv => ({
  ...process.env, PATH: '/usr/local/bin:/usr/bin:/bin', AWS_ACCESS_KEY_ID: t.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: t.admin.secretAccessKey,
  AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
});

describe('sessions on a real agent', { skip: agentHasSessions ? false : 'the agent in this tree has no session support yet' }, () => {
  let t: TestServer;
  let ssm: SSMClient;
  let agent: AgentProcess;
  let instanceId: string;

  before(async () => {
    t = await startTestServer();
    const credentials = { accessKeyId: t.admin.accessKeyId, secretAccessKey: t.admin.secretAccessKey };
    ssm = new SSMClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const iam = new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    await iam.send(new CreateRoleCommand({ RoleName: 'NodeRole', AssumeRolePolicyDocument: SSM_TRUST_POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'NodeRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    const { ActivationId, ActivationCode } = await ssm.send(new CreateActivationCommand({ IamRole: 'NodeRole', RegistrationLimit: 1 }));
    const dir = tempStateDir();
    const r = await agentCommand(['register', '--url', t.url, '--activation-id', ActivationId!, '--activation-code', ActivationCode!, '--state-dir', dir]);
    assert.equal(r.status, 0, r.stderr);
    instanceId = /registered as (mi-[0-9a-f]{17})/.exec(r.stdout)![1];
    agent = runAgentProcess(dir);
    await waitFor('the agent to connect', () => (t.server.agents.isOnline(instanceId) ? true : undefined), 30_000);
  });
  after(async () => {
    await agent?.stop();
    await t?.close();
  });

  it('a shell prints 42 for echo $((6*7)), sees its size, exits with its code, and the recording replays it', async () => {
    // Loaded by name at run time: the test is skipped, not broken, in a tree without session support.
    const clientModule: string = '@bosun/protocol/session/client-session';
    const { ClientSession } = await import(clientModule);
    const out = await ssm.send(new StartSessionCommand({ Target: instanceId, Reason: 'e2e' }));
    const socket = new WebSocket(out.StreamUrl!, { perMessageDeflate: false });
    socket.binaryType = 'arraybuffer';
    let printed = '';
    let exitCode: number | undefined;
    const session = new ClientSession({
      socket: socket as never, tokenValue: out.TokenValue!,
      onOutput: (bytes: Uint8Array) => { printed += new TextDecoder().decode(bytes); },
      onExit: (code: number) => { exitCode = code; },
    });
    await session.ready;
    session.resize(101, 33);
    session.write(new TextEncoder().encode('echo $((6*7)); stty size\r'));
    await waitFor('42 and the size', () => (/\b42\r?\n/.test(printed) && /33 101/.test(printed) ? true : undefined), 15_000);
    session.write(new TextEncoder().encode('exit 3\r'));
    const closed = await session.closed;
    assert.equal(closed.byService, true);
    assert.equal(exitCode, 3);
    const s = await waitFor('the session in History', async () => {
      const { Sessions } = await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: out.SessionId! }] }));
      return Sessions![0];
    });
    assert.equal(s.Status, 'Terminated');
    assert.match(s.Details!, /exit code 3/);
    const cast = parseAsciicast(await (await fetch(s.OutputUrl!.S3OutputUrl!)).text());
    assert.deepEqual([cast.header.width, cast.header.height], [101, 33]);
    const replay = asciicastOutput(cast);
    assert.match(replay, /\b42\r?\n/);
    assert.ok(printed.startsWith(replay.slice(0, 20)) || replay.includes(printed.slice(0, 20)), 'the replay shows what the client saw');
  });

  // script(1)'s terminal turns the shell's \r\n into \r\r\n, hence \r* below.
  it('the real session-manager-plugin runs a shell: 42, then exit ends the session', { skip: fs.existsSync(PLUGIN) && fs.existsSync(AWS) && fs.existsSync(SCRIPT) ? false : `needs ${PLUGIN}, ${AWS} and ${SCRIPT}` }, async () => {
    // The plugin wants a terminal for a shell: util-linux script(1) gives it one.
    const cli = spawn(SCRIPT, ['-qfec', `${AWS} --endpoint-url ${t.url} ssm start-session --target ${instanceId}`, '/dev/null'],
      { env: awsEnv(t), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let log = '';
    cli.stdout!.on('data', (d) => (log += d));
    cli.stderr!.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((r) => cli.once('exit', (code) => r(code)));
    const timer = setTimeout(() => process.kill(-cli.pid!, 'SIGKILL'), 60_000);
    try {
      await waitFor('the prompt', () => (/Starting session with SessionId: (\S+)/.test(log) && /[$#] $/m.test(log) ? true : undefined), 30_000);
      cli.stdin!.write('echo $((6*7))\r');
      await waitFor('42', () => (/[\r\n]42\r*\n/.test(log) ? true : undefined), 15_000);
      cli.stdin!.write('exit\r');
      await exited;
    } finally {
      clearTimeout(timer);
    }
    const sessionId = /Starting session with SessionId: (\S+)/.exec(log)![1];
    assert.match(log, new RegExp(`Exiting session with sessionId: ${sessionId}`));
    // AWS: a shell's exit code is not printed by the plugin (only non-interactive commands send one).
    assert.doesNotMatch(log, /EXIT_CODE/);
    const { Sessions } = await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: sessionId }] }));
    assert.equal(Sessions![0].Status, 'Terminated');
  });

  it('the real session-manager-plugin forwards a port to an echo server on the node', { skip: fs.existsSync(PLUGIN) && fs.existsSync(AWS) ? false : `needs ${PLUGIN} and ${AWS}` }, async () => {
    const echo = net.createServer((c) => c.pipe(c));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const port = (echo.address() as net.AddressInfo).port;
    const local = await freePort();
    const env = awsEnv(t);
    const cli: ChildProcess = spawn(AWS, ['--endpoint-url', t.url, 'ssm', 'start-session', '--target', instanceId, '--document-name', 'AWS-StartPortForwardingSession',
      '--parameters', `portNumber=${port},localPortNumber=${local}`], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let log = '';
    cli.stdout!.on('data', (d) => (log += d));
    cli.stderr!.on('data', (d) => (log += d));
    try {
      await waitFor('the plugin to listen', () => (log.includes('Waiting for connections') ? true : undefined), 30_000);
      for (const text of ['first connection', 'second connection']) {
        // Closed from both ends: the plugin has sent the connection's close on (an smux FIN) and
        // the node's close came back. Ctrl-C any earlier races that send: the plugin numbers its
        // data messages without a lock, so the TerminateSession flag can go out with the FIN's
        // sequence number, and the node drops it as a message it already has (AWS's agent does
        // the same); the session then waits, Disconnected, for its idle timeout.
        const reply = await echoThrough(local, text, () => log);
        assert.equal(reply, text);
      }
    } finally {
      await interruptGroup(cli);
      echo.close();
    }
    const sessionId = /Starting session with SessionId: (\S+)/.exec(log)?.[1];
    assert.ok(sessionId, log);
    // AWS: on Ctrl-C the plugin sends the TerminateSession flag and exits without waiting for the
    // end to be recorded: the node ends the session and the relay records it shortly after (it does
    // not wait, Disconnected, for its idle timeout).
    const s = await waitFor('the port-forwarding session in History', async () => {
      const { Sessions } = await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: sessionId }] }));
      return Sessions![0];
    }, 15_000).catch(async (e: Error) => {
      const { Sessions } = await ssm.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'SessionId', value: sessionId }] }));
      throw new Error(`${e.message}; it is ${Sessions![0]?.Status ?? 'in neither list'}; the plugin said: ${log}; the agent said: ${agent.output().slice(-4000)}`);
    });
    assert.equal(s.DocumentName, 'AWS-StartPortForwardingSession');
    assert.equal(s.Status, 'Terminated');
    assert.match(s.Details ?? '', /client ended the session/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}
