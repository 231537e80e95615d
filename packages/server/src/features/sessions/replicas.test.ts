/**
 * Sessions across replicas: two `bosun server` replicas on one PostgreSQL, a real agent whose
 * channel is on replica A behind a load balancer that sends session data channels to replica B.
 * StartSession through B, the client's socket on B and the node's data channel on B: the shell
 * still runs (relayed by A, passed through B), its recording is served by B, and ResumeSession
 * and TerminateSession through B act on it. SendCommand through B runs on the node too (A
 * delivers what B could not), and B serves the output A stored.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CancelCommandCommand, CreateActivationCommand, DescribeSessionsCommand, GetCommandInvocationCommand, GetConnectionStatusCommand, SendCommandCommand, ResumeSessionCommand, SSMClient, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { ClientSession } from '@bosun/protocol/session/client-session';
import { asciicastOutput, parseAsciicast } from '@bosun/protocol/session/asciicast';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from '../../../../agent/test/agent-process';
import { postgresUrl } from '../../../test/databases';
import { startServer, type RunningServer } from '../../server';
import { createLogger } from '../../observability/logger';
import { bootstrapAccount } from '../../iam/bootstrap';
import { dropSchema, openDatabase } from '../../db/index';
import { SSM_TRUST_POLICY } from '../../agents/index';
import { echoThrough, waitFor } from './testing/session-fixture';
import { setReplicaHeartbeatMs } from '../../sessions/index';
import { insertSession } from './store';
import { interruptGroup } from '../../../test/aws-cli';

const PLUGIN = '/usr/local/bin/session-manager-plugin';
const AWS = '/usr/bin/aws';

/** A TCP load balancer: session data channels (the node's) go to `sessions`, everything else to `rest`. */
async function splittingBalancer(rest: string, sessions: string): Promise<{ url: string; close(): void }> {
  const port = (u: string) => Number(new URL(u).port);
  const server = net.createServer((conn) => {
    conn.on('error', () => undefined);
    conn.once('data', (first) => {
      const to = first.toString('latin1').startsWith('GET /agent/v1/session/') ? sessions : rest;
      const upstream = net.connect(port(to), '127.0.0.1', () => upstream.write(first, () => { conn.pipe(upstream); upstream.pipe(conn); }));
      upstream.on('error', () => conn.destroy());
      conn.on('close', () => upstream.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, close: () => server.close() };
}

describe('sessions across two replicas on PostgreSQL', () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const databaseUrl = `${postgresUrl}?schema=${schema}`;
  const dataDirA = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-replica-a-'));
  const dataDirB = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-replica-b-'));
  let a: RunningServer;
  let b: RunningServer;
  let balancer: { url: string; close(): void };
  let agent: AgentProcess;
  let instanceId: string;
  let viaB: SSMClient;
  let admin: { accessKeyId: string; secretAccessKey: string; accountId: string; userArn: string };

  before(async () => {
    // Replicas silent for 0.9 s are gone: the sessions A relays must survive B's sweeps throughout.
    setReplicaHeartbeatMs(300);
    // A data directory each, with the same master key (as operating.md asks of replicas).
    const logger = createLogger(process.env.BOSUN_TEST_LOG_LEVEL ?? 'error');
    a = await startServer({ dataDir: dataDirA, databaseUrl, port: 0, host: '127.0.0.1' }, logger);
    fs.copyFileSync(path.join(dataDirA, 'master.key'), path.join(dataDirB, 'master.key'));
    b = await startServer({ dataDir: dataDirB, databaseUrl, port: 0, host: '127.0.0.1' }, logger);
    admin = await bootstrapAccount(a.context.db, a.context.secrets, {});
    const credentials = { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey };
    const viaA = new SSMClient({ endpoint: a.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    viaB = new SSMClient({ endpoint: b.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const iam = new IAMClient({ endpoint: a.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    await iam.send(new CreateRoleCommand({ RoleName: 'NodeRole', AssumeRolePolicyDocument: SSM_TRUST_POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'NodeRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    const { ActivationId, ActivationCode } = await viaA.send(new CreateActivationCommand({ IamRole: 'NodeRole', RegistrationLimit: 1 }));
    balancer = await splittingBalancer(a.url, b.url);
    const dir = tempStateDir();
    const r = await agentCommand(['register', '--url', balancer.url, '--activation-id', ActivationId!, '--activation-code', ActivationCode!, '--state-dir', dir]);
    assert.equal(r.status, 0, r.stderr);
    instanceId = /registered as (mi-[0-9a-f]{17})/.exec(r.stdout)![1];
    agent = runAgentProcess(dir);
    await waitFor('the agent to connect to replica A', () => (a.agents.isOnline(instanceId) ? true : undefined), 30_000);
  });
  after(async () => {
    await agent?.stop();
    balancer?.close();
    await b?.close();
    await a?.close();
    const db = await openDatabase(postgresUrl, { migrate: false });
    await dropSchema(db, schema);
    await db.destroy();
    for (const dir of [dataDirA, dataDirB]) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openShell(streamUrl: string, token: string) {
    const socket = new WebSocket(streamUrl, { perMessageDeflate: false });
    socket.binaryType = 'arraybuffer';
    const seen = { printed: '' };
    const dropped: { resolve?: () => void } = {};
    const session = new ClientSession({
      socket: socket as never, tokenValue: token, onOutput: (bytes: Uint8Array) => { seen.printed += new TextDecoder().decode(bytes); },
      // Kept open over a dropped socket, to be resumed.
      onDisconnect: () => dropped.resolve?.(),
    });
    await session.ready;
    return { session, seen, socket, dropped };
  }

  it('a shell started and reached through replica B runs on the node connected to replica A', async () => {
    assert.equal(b.agents.isOnline(instanceId), false, 'the node is not connected to B');
    assert.equal((await viaB.send(new GetConnectionStatusCommand({ Target: instanceId }))).Status, 'connected', 'B knows A can reach the node');
    const out = await viaB.send(new StartSessionCommand({ Target: instanceId, Reason: 'across replicas' }));
    assert.ok(out.StreamUrl!.startsWith(b.url.replace(/^http/, 'ws')), `StreamUrl ${out.StreamUrl} names replica B`);
    const { session, seen } = await openShell(out.StreamUrl!, out.TokenValue!);
    session.write(new TextEncoder().encode('echo $((6*7))\r'));
    await waitFor('42', () => (/\b42\r?\n/.test(seen.printed) ? true : undefined), 15_000);
    const { Sessions } = await viaB.send(new DescribeSessionsCommand({ State: 'Active', Filters: [{ key: 'SessionId', value: out.SessionId! }] }));
    assert.equal(Sessions?.[0]?.Status, 'Connected');
    session.write(new TextEncoder().encode('exit 4\r'));
    const closed = await session.closed;
    assert.equal(closed.byService, true);
    const ended = await waitFor('the session in History', async () => {
      const h = await viaB.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: out.SessionId! }] }));
      return h.Sessions?.[0];
    });
    assert.equal(ended.Status, 'Terminated');
    assert.match(ended.Details!, /exit code 4/);
    // A recorded the shell; B serves the recording (blobs live in PostgreSQL, not in A's data directory).
    assert.ok(ended.OutputUrl!.S3OutputUrl!.startsWith(b.url), ended.OutputUrl!.S3OutputUrl);
    const recording = await fetch(ended.OutputUrl!.S3OutputUrl!);
    assert.equal(recording.status, 200);
    assert.match(asciicastOutput(parseAsciicast(await recording.text())), /\b42\r?\n/);
  });

  it('ResumeSession and TerminateSession through replica B act on a session replica A relays', async () => {
    const out = await viaB.send(new StartSessionCommand({ Target: instanceId }));
    const { session, seen, socket, dropped } = await openShell(out.StreamUrl!, out.TokenValue!);
    session.write(new TextEncoder().encode('echo ready-$((2+3))\r'));
    await waitFor('the shell', () => (seen.printed.includes('ready-5') ? true : undefined), 15_000);
    // A reconnect, as the plugin makes after a network blip: a fresh token from B, a new socket on B.
    await new Promise<void>((resolve) => { dropped.resolve = resolve; socket.terminate(); });
    const resumed = await viaB.send(new ResumeSessionCommand({ SessionId: out.SessionId! }));
    assert.ok(resumed.TokenValue, 'ResumeSession through B gives a token for a session A relays');
    const again = new WebSocket(resumed.StreamUrl!, { perMessageDeflate: false });
    again.binaryType = 'arraybuffer';
    session.resume(again as never, resumed.TokenValue!);
    session.write(new TextEncoder().encode('echo again-$((3+4))\r'));
    await waitFor('the shell again', () => (seen.printed.includes('again-7') ? true : undefined), 15_000);
    await viaB.send(new TerminateSessionCommand({ SessionId: out.SessionId! }));
    const closed = await session.closed;
    assert.equal(closed.byService, true, 'the relay closed the channel');
    const { Sessions } = await viaB.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: out.SessionId! }] }));
    assert.equal(Sessions?.[0]?.Status, 'Terminated');
    assert.match(Sessions![0].Details!, /TerminateSession/);
  });

  it('aws ssm start-session through replica B forwards a port on the node (the real plugin)', { skip: fs.existsSync(PLUGIN) && fs.existsSync(AWS) ? false : `needs ${PLUGIN} and ${AWS}` }, async () => {
    const echo = net.createServer((c) => c.pipe(c));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const env = {
      ...process.env, PATH: '/usr/local/bin:/usr/bin:/bin', AWS_ACCESS_KEY_ID: admin.accessKeyId, AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const cli = spawn(AWS, ['--endpoint-url', b.url, 'ssm', 'start-session', '--target', instanceId, '--document-name', 'AWS-StartPortForwardingSession',
      '--parameters', `portNumber=${(echo.address() as net.AddressInfo).port},localPortNumber=0`], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let log = '';
    cli.stdout!.on('data', (d) => (log += d));
    cli.stderr!.on('data', (d) => (log += d));
    try {
      await waitFor('the plugin to listen', () => (log.includes('Waiting for connections') ? true : undefined), 30_000);
      const local = Number(/Port (\d+) opened/.exec(log)![1]);
      const text = 'through replica B to the node on A';
      const reply = await echoThrough(local, text, () => log);
      assert.equal(reply, text);
    } finally {
      await interruptGroup(cli);
      echo.close();
    }
  });

  it('Run Command through replica B runs on the node connected to replica A, and B serves the output A stored', async () => {
    const sent = await viaB.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: ['echo from-$((40+2))'] } }));
    const inv = await waitFor('the command to succeed', async () => {
      const out = await viaB.send(new GetCommandInvocationCommand({ CommandId: sent.Command!.CommandId!, InstanceId: instanceId })).catch(() => undefined);
      return out?.Status === 'Success' ? out : undefined;
    }, 30_000).catch(async (e: Error) => {
      const now = await viaB.send(new GetCommandInvocationCommand({ CommandId: sent.Command!.CommandId!, InstanceId: instanceId })).catch((x: Error) => x);
      throw new Error(`${e.message}: ${JSON.stringify(now)}`);
    });
    assert.equal(inv.StandardOutputContent, 'from-42\n');
    assert.ok(inv.StandardOutputUrl!.startsWith(b.url), inv.StandardOutputUrl);
    assert.equal(await (await fetch(inv.StandardOutputUrl!)).text(), 'from-42\n');
  });

  it('CancelCommand through replica B stops a command running on the node connected to replica A', async () => {
    for (const perInstance of [false, true]) {
      const sent = await viaB.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: ['echo started; sleep 60'] } }));
      const id = sent.Command!.CommandId!;
      await waitFor('the command to start', async () => {
        const out = await viaB.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: instanceId })).catch(() => undefined);
        return out?.StandardOutputContent?.includes('started') ? true : undefined;
      }, 30_000);
      await viaB.send(new CancelCommandCommand({ CommandId: id, ...(perInstance ? { InstanceIds: [instanceId] } : {}) }));
      const inv = await waitFor('the command to be cancelled', async () => {
        const out = await viaB.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: instanceId }));
        return out.Status === 'Cancelled' ? out : undefined;
      }, 20_000).catch(async (e: Error) => {
        const now = await viaB.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: instanceId }));
        throw new Error(`${e.message} (per instance: ${perInstance}): ${now.Status} ${now.StatusDetails}`);
      });
      assert.equal(inv.Status, 'Cancelled', `per instance: ${perInstance}`);
    }
  });

  it('the sessions of a replica that went silent are ended by the others', async () => {
    // What a replica that crashed for good leaves behind: a live session no socket is behind.
    const sessionId = `orphan-${crypto.randomBytes(9).toString('hex').slice(0, 17)}`;
    await insertSession(b.context.db, {
      session_id: sessionId, account_id: admin.accountId, region: 'us-east-1', target: instanceId, document_name: 'SSM-SessionManagerRunShell',
      session_type: 'Standard_Stream', owner: admin.userArn, reason: null, status: 'Connected', details: null, start_date: new Date().toISOString(),
      end_date: null, max_session_duration: null, idle_timeout_minutes: 20, parameters: '{}', recording_key: null, exit_code: null,
      client_token_hash: null, client_token_expires: null, agent_token_hash: null, relay_url: 'http://127.0.0.1:9', start_message: null,
    });
    const ended = await waitFor('the orphaned session to end', async () => {
      const { Sessions } = await viaB.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: sessionId }] }));
      return Sessions?.[0];
    }, 15_000);
    assert.equal(ended.Status, 'Terminated');
    assert.equal(ended.Details, 'The server replica relaying the session stopped.');
  });

  it('a node no replica holds is TargetNotConnected on either', async () => {
    await agent.stop();
    await waitFor('the node to drop', () => (a.agents.isOnline(instanceId) ? undefined : true), 15_000);
    assert.equal((await viaB.send(new GetConnectionStatusCommand({ Target: instanceId }))).Status, 'notconnected');
    await assert.rejects(viaB.send(new StartSessionCommand({ Target: instanceId })), (e: Error) => e.name === 'TargetNotConnected');
  });
});
