// Runs the real, unmodified session-manager-plugin against AgentSession over a WebSocket:
// a shell session and a multiplexed port-forwarding session. Skips when the plugin is absent.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { describe, it } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  AgentSession,
  encodeFrame,
  encodeJsonPayload,
  MessageType,
  newMessageId,
  type ChannelClosedPayload,
  type OpenDataChannelInput,
  type SessionTypeName,
  type SizeData,
  type SmuxStream,
} from './index';

const PLUGIN = '/usr/local/bin/session-manager-plugin';
const skip = existsSync(PLUGIN) ? false : `${PLUGIN} is not installed`;

async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

interface Harness {
  sessionId: string;
  plugin: ChildProcess;
  stdout: () => string;
  opened: OpenDataChannelInput[];
  agent: () => AgentSession | undefined;
  socket: () => WebSocket | undefined;
  stop(): Promise<void>;
}

/** A WebSocket server standing in for the relay with an AgentSession behind it, and the plugin pointed at it. */
async function start(sessionType: SessionTypeName, properties: Record<string, unknown>, hooks: Partial<ConstructorParameters<typeof AgentSession>[0]>): Promise<Harness> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const opened: OpenDataChannelInput[] = [];
  let agent: AgentSession | undefined;
  let socket: WebSocket | undefined;
  wss.on('connection', (ws) => {
    ws.once('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'the plugin opens with a TEXT frame');
      opened.push(JSON.parse(String(data)));
      socket = ws;
      agent = new AgentSession({ socket: ws, sessionType, properties, ...hooks });
    });
  });
  const port = (wss.address() as net.AddressInfo).port;
  // A fresh id each run: the port plugin names its Unix socket after the session id.
  const sessionId = `alice-${randomBytes(9).toString('hex').slice(0, 17)}`;
  const response = { SessionId: sessionId, TokenValue: 'token-from-start-session', StreamUrl: `ws://127.0.0.1:${port}/v1/data-channel/${sessionId}?role=publish_subscribe` };
  const plugin = spawn(PLUGIN, [JSON.stringify(response), 'us-east-1', 'StartSession', '', JSON.stringify({ Target: 'mi-0123456789abcdef0' }), 'http://127.0.0.1:9'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  plugin.stdout!.on('data', (b) => { out += String(b); });
  plugin.stderr!.on('data', (b) => { out += String(b); });
  return {
    sessionId, plugin, opened, stdout: () => out, agent: () => agent, socket: () => socket,
    async stop() {
      if (plugin.exitCode === null && plugin.signalCode === null) {
        plugin.kill('SIGKILL');
        await new Promise((r) => plugin.once('exit', r));
      }
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
    },
  };
}

function channelClosed(sessionId: string, output: string): Uint8Array {
  const payload: ChannelClosedPayload = {
    MessageId: newMessageId(), CreatedDate: new Date().toISOString(), DestinationId: 'mi-0123456789abcdef0',
    SessionId: sessionId, MessageType: 'channel_closed', SchemaVersion: 1, Output: output,
  };
  return encodeFrame({ messageType: MessageType.ChannelClosed, schemaVersion: 1, createdDate: Date.now(), sequenceNumber: 0,
    flags: 3, messageId: newMessageId(), payloadType: 0, payload: encodeJsonPayload(payload) });
}

describe('the real session-manager-plugin against AgentSession', { skip }, () => {
  it('runs a shell session: handshake, input, size, output, channel_closed', async () => {
    const sizes: SizeData[] = [];
    const input: string[] = [];
    let agentRef: AgentSession | undefined;
    const h = await start('Standard_Stream', {}, {
      onInput: (b) => {
        input.push(Buffer.from(b).toString());
        agentRef?.write(new TextEncoder().encode(`you typed: ${Buffer.from(b).toString().toUpperCase()}\r\n`));
      },
      onResize: (s) => sizes.push(s),
    });
    try {
      await waitFor('the plugin to connect', () => h.agent() !== undefined);
      agentRef = h.agent();
      const { clientVersion } = await h.agent()!.handshake;
      assert.equal(clientVersion, '1.2.0.0');
      assert.equal(h.opened[0].TokenValue, 'token-from-start-session');
      h.plugin.stdin!.write('hello bosun\n');
      await waitFor('the echo on the plugin\'s stdout', () => h.stdout().includes('you typed: HELLO BOSUN'));
      // AWS: without a terminal the plugin reports 300x100.
      await waitFor('a size', () => sizes.length > 0);
      assert.deepEqual(sizes[0], { cols: 300, rows: 100 });
      h.socket()!.send(channelClosed(h.sessionId, 'Session ended by the test.'));
      const code = await new Promise((r) => h.plugin.once('exit', r));
      assert.equal(code, 0);
      assert.ok(h.stdout().includes(`SessionId: ${h.sessionId} : Session ended by the test.`), h.stdout());
    } finally {
      await h.stop();
    }
  });

  it('forwards two TCP connections over smux through the plugin, 2 MB each intact', async () => {
    const localPort = await freePort();
    const flags: number[] = [];
    const streams: number[] = [];
    const h = await start('Port', { portNumber: '8080', type: 'LocalPortForwarding', localPortNumber: String(localPort) }, {
      onFlag: (f) => flags.push(f),
      onStream: (stream: SmuxStream) => {
        streams.push(stream.id);
        stream.onData = (b) => stream.write(b);
        stream.onEnd = () => stream.end();
      },
    });
    try {
      await waitFor('the plugin to listen', () => h.stdout().includes('Waiting for connections')).catch((e) => {
        throw new Error(`${(e as Error).message}; the plugin printed: ${h.stdout()}`);
      });
      assert.equal((await h.agent()!.handshake).multiplexed, true);
      const echo = async (size: number) => {
        const data = randomBytes(size);
        const conn = net.connect(localPort, '127.0.0.1');
        const hash = createHash('sha256');
        let received = 0;
        conn.on('data', (b) => { hash.update(b); received += b.length; });
        await new Promise((r) => conn.once('connect', r));
        conn.write(data);
        await waitFor('the echo', () => received >= size, 60_000);
        // Closed from both ends before Ctrl-C below: the plugin numbers its data messages without a
        // lock, so a TerminateSession flag sent while it still passes this close on (an smux FIN)
        // can take the FIN's sequence number and be dropped as a duplicate.
        let closed = false;
        conn.once('close', () => { closed = true; });
        conn.end();
        await waitFor('the connection to close from both ends', () => closed);
        assert.equal(received, size);
        assert.equal(hash.digest('hex'), createHash('sha256').update(data).digest('hex'));
      };
      await Promise.all([echo(2 * 1024 * 1024), echo(2 * 1024 * 1024)]);
      assert.deepEqual(streams.sort(), [3, 5]);
      // AWS: on Ctrl-C (SIGINT) the port plugin sends Flag TerminateSession, then exits.
      h.plugin.kill('SIGINT');
      await waitFor('TerminateSession', () => flags.includes(2), 10_000);
    } finally {
      await h.stop();
    }
  });
});
