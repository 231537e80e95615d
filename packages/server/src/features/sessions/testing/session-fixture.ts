/**
 * A whole Bosun server (SQLite or a fresh PostgreSQL schema) with nodes that speak the real
 * agent channel from this process, and scripted ends of a session's data channel: a node side
 * that answers `session_start` by dialling `/agent/v1/session/<id>`, and a client side that
 * opens StreamUrl with the token, as session-manager-plugin does.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { after, before, describe } from 'node:test';
import WebSocket from 'ws';
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateActivationCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SessionStartMessage, SessionTerminateMessage } from '@bosun/protocol/agent/messages';
import { MessageType, PayloadType, decodeFrame, encodeFrame, newMessageId, type SessionFrame } from '@bosun/protocol/session/index';
import { startTestServer, type Credentials, type TestServer } from '../../../../test/server-harness';
import { postgresUrl } from '../../../../test/databases';
import { dropSchema } from '../../../db/index';
import { SSM_TRUST_POLICY } from '../../../agents/index';
import { relayOf } from '../../../sessions/index';
import { connectNode, registerNode, type TestChannel, type TestNode } from '../../../agents/testing/test-agent';

export interface SessionFixture {
  kind: 'sqlite' | 'postgres';
  t: TestServer;
  ssm: SSMClient;
  iam: IAMClient;
  ssmAs(credentials: Credentials): SSMClient;
  /** An IAM user with one inline policy. */
  user(name: string, policy: object): Promise<Credentials>;
  /** A registered node with these tags, connected unless told otherwise. */
  node(tags?: Record<string, string>, connect?: boolean): Promise<ScriptedNode>;
}

export function forEachSessionServer(name: string, suite: (f: SessionFixture) => void, kinds: Array<'sqlite' | 'postgres'> = ['sqlite', 'postgres']): void {
  for (const kind of kinds) {
    describe(`${name} [${kind}]`, () => {
      const f = { kind } as SessionFixture;
      const nodes: ScriptedNode[] = [];
      let schema: string | undefined;
      before(async () => {
        let databaseUrl: string | undefined;
        if (kind === 'postgres') {
          schema = `s_${crypto.randomBytes(6).toString('hex')}`;
          databaseUrl = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
        }
        f.t = await startTestServer({ databaseUrl });
        const credentials = { accessKeyId: f.t.admin.accessKeyId, secretAccessKey: f.t.admin.secretAccessKey };
        f.ssm = new SSMClient({ endpoint: f.t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
        f.iam = new IAMClient({ endpoint: f.t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
        f.ssmAs = (c) => new SSMClient({ endpoint: f.t.url, region: 'us-east-1', credentials: c, maxAttempts: 1 });
        await f.iam.send(new CreateRoleCommand({ RoleName: 'SessionNodeRole', AssumeRolePolicyDocument: SSM_TRUST_POLICY }));
        await f.iam.send(new AttachRolePolicyCommand({ RoleName: 'SessionNodeRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
        f.user = async (userName, policy) => {
          await f.iam.send(new CreateUserCommand({ UserName: userName }));
          await f.iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'p', PolicyDocument: JSON.stringify(policy) }));
          const { AccessKey } = await f.iam.send(new CreateAccessKeyCommand({ UserName: userName }));
          return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
        };
        f.node = async (tags = {}, connect = true) => {
          const { ActivationId, ActivationCode } = await f.ssm.send(new CreateActivationCommand({
            IamRole: 'SessionNodeRole', RegistrationLimit: 1, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          }));
          const node = new ScriptedNode(f.t.url, await registerNode(f.t.url, ActivationId!, ActivationCode!));
          if (connect) await node.connect();
          nodes.push(node);
          return node;
        };
      });
      after(async () => {
        for (const n of nodes) n.disconnect();
        // Live sessions end (and are written) before their schema goes.
        await relayOf(f.t.server.context.db)?.relay.close();
        if (schema) await dropSchema(f.t.server.context.db, schema);
        await f.t.close();
      });
      suite(f);
    });
  }
}

/** Waits for a condition; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function streamFrame(messageType: string, sequenceNumber: number, payloadType: number, payload: Uint8Array | string): Uint8Array {
  return encodeFrame({
    messageType, schemaVersion: 1, createdDate: Date.now(), sequenceNumber, flags: 0, messageId: newMessageId(), payloadType,
    payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
  });
}

/** One end of a data channel: collects decoded frames and the close. */
export class FrameSocket {
  readonly frames: SessionFrame[] = [];
  closed?: { code: number; reason: string };
  private seq = 0;
  constructor(readonly ws: WebSocket, private readonly streamType: string) {
    ws.on('message', (data, isBinary) => { if (isBinary) this.frames.push(decodeFrame(new Uint8Array(data as Buffer))); });
    ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; });
    ws.on('error', () => undefined);
  }

  static async open(url: string, first: object, streamType: string): Promise<FrameSocket> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const socket = new FrameSocket(ws, streamType);
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    ws.send(JSON.stringify(first));
    return socket;
  }

  /** A stream message with the next sequence number. */
  stream(payloadType: number, payload: Uint8Array | string, sequenceNumber = this.seq++): void {
    this.ws.send(streamFrame(this.streamType, sequenceNumber, payloadType, payload));
  }

  /** Every stream payload of this type received so far, as text. */
  text(payloadType: number = PayloadType.Output): string {
    return this.frames.filter((f) => f.payloadType === payloadType && f.messageType !== MessageType.ChannelClosed)
      .map((f) => new TextDecoder().decode(f.payload)).join('');
  }

  channelClosed(): { Output: string } | undefined {
    const f = this.frames.find((x) => x.messageType === MessageType.ChannelClosed);
    return f ? JSON.parse(new TextDecoder().decode(f.payload)) : undefined;
  }

  whenClosed(): Promise<{ code: number; reason: string }> {
    return waitFor('the socket to close', () => this.closed);
  }

  close(): void { this.ws.close(); }
}

/** The client side, as the plugin opens it: StreamUrl, then OpenDataChannelInput with the token. */
export function openClient(streamUrl: string, token: string): Promise<FrameSocket> {
  return FrameSocket.open(streamUrl, {
    MessageSchemaVersion: '1.0', RequestId: crypto.randomUUID(), TokenValue: token, ClientId: crypto.randomUUID(), ClientVersion: '1.2.707.0',
  }, MessageType.InputStreamData);
}

/** A node that answers session_start by opening the data channel (and, unless told not to, echoing input as output). */
export class ScriptedNode {
  channel?: TestChannel;
  readonly starts: SessionStartMessage[] = [];
  readonly terminates: SessionTerminateMessage[] = [];
  readonly dataChannels = new Map<string, FrameSocket>();
  /** Whether to dial the data channel when a session starts. */
  answer = true;
  constructor(readonly url: string, readonly node: TestNode) {}
  get id(): string { return this.node.instanceId; }

  async connect(): Promise<void> {
    const { channel } = await connectNode(this.url, this.node);
    this.channel = channel;
    channel.socket.on('message', (data) => void this.onMessage(JSON.parse(data.toString())));
  }

  disconnect(): void { this.channel?.socket.close(); this.channel = undefined; }

  /** Tells the server the session ended on the node (the shell exited). */
  ended(sessionId: string, exitCode?: number): void {
    this.channel!.send({ type: 'session_ended', sessionId, ...(exitCode !== undefined ? { exitCode } : {}) });
  }

  dataChannel(sessionId: string): Promise<FrameSocket> {
    return waitFor(`the node's data channel for ${sessionId}`, () => this.dataChannels.get(sessionId));
  }

  private async onMessage(m: { type: string }): Promise<void> {
    if (m.type === 'session_terminate') this.terminates.push(m as SessionTerminateMessage);
    if (m.type !== 'session_start') return;
    const start = m as SessionStartMessage;
    this.starts.push(start);
    if (!this.answer) return;
    const socket = await FrameSocket.open(this.url.replace(/^http/, 'ws') + start.dataChannelPath, { instanceId: this.id, token: start.agentToken }, MessageType.OutputStreamData);
    this.dataChannels.set(start.sessionId, socket);
  }
}

/**
 * Sends `text` through a forwarded local port to an echo server and resolves with what came
 * back once the connection has closed from both ends (the caller ends it when the echo is
 * whole). `said()` tells what the plugin printed, for the error when nothing closes in 15 s.
 */
export function echoThrough(localPort: number, text: string, said: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const c = net.connect(localPort, '127.0.0.1', () => c.write(text));
    let got = '';
    c.on('data', (d) => {
      got += d;
      if (got.length >= text.length) c.end();
    });
    c.on('close', () => resolve(got));
    c.on('error', reject);
    c.setTimeout(15_000, () => c.destroy(new Error(`the forwarded connection did not close (got ${JSON.stringify(got)}); the plugin said: ${said()}`)));
  });
}
