/**
 * Port forwarding between two Bosun ends with a reader that stops reading: `bosun port-forward`'s
 * bridge (packages/cli) and bosun-agent's multiplexed port handler (packages/agent), joined in
 * memory as the relay joins them (it forwards every frame unchanged), with real TCP sockets on
 * loopback for the local client and the destination.
 *
 * What a user would notice: a local client or a destination that stops reading while the other
 * side sends 64 MB must not make the receiving end (the CLI, or the agent) hold those 64 MB; the
 * other direction of the same connection keeps moving meanwhile; once the reader reads again every
 * byte arrives in order; and the session still ends when asked.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { describe, it } from 'node:test';
import { ClientSession, memorySocketPair } from '@bosun/protocol/session/index';
import { AgentDataChannel } from '../../agent/src/session/data-channel';
import { runMuxPort } from '../../agent/src/session/port/mux-port';
import type { SessionOutcome } from '../../agent/src/session/session-io';
import { bridgePort } from '../src/session/port-bridge';
import { readToEnd } from './socket-data';

const MiB = 1024 * 1024;
/** What the sending side pushes at a reader that stopped. */
const TOTAL = 64 * MiB;
/**
 * What may wait at the receiving end meanwhile (socket buffers there). The design bound is the
 * receiver's high-water mark (4 MiB) + the sender's window (8 MiB) + one batch of socket reads
 * the sender makes before it looks at its window (≤ 2 MiB) ≈ 14 MiB; 24 MiB leaves room.
 */
const BOUND = 24 * MiB;

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const waitingIn = (sockets: Iterable<net.Socket>) => {
  let n = 0;
  for (const s of sockets) if (!s.destroyed) n += s.writableLength;
  return n;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Samples `value` every 20 ms; resolves with its peak once it has not changed for a second. */
async function peakWhenSettled(value: () => number, ms = 60_000): Promise<number> {
  const end = Date.now() + ms;
  let peak = 0;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const v = value();
    peak = Math.max(peak, v);
    if (v !== last) {
      last = v;
      since = Date.now();
    } else if (Date.now() - since >= 1000) {
      return peak;
    }
    if (Date.now() > end) return peak;
    await sleep(20);
  }
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

interface Forwarding {
  localPort: number;
  /** The CLI's sockets to local clients (what it writes downloads into). */
  cliSockets: Set<net.Socket>;
  /** The agent's sockets to the destination (what it writes uploads into). */
  agentSockets: Set<net.Socket>;
  client: ClientSession;
  outcome: Promise<SessionOutcome>;
  close(): void;
}

/** A port session: ClientSession + bridgePort on one side, AgentDataChannel + runMuxPort on the other. */
async function forwarding(onDestination: (socket: net.Socket) => void): Promise<Forwarding> {
  const destination = net.createServer({ allowHalfOpen: true }, (socket) => {
    // The agent resets it when the session ends under a test.
    socket.on('error', () => {});
    onDestination(socket);
  });
  const destinationPort = await listen(destination);
  // The relay takes each end's first TEXT frame (OpenDataChannelInput) off and forwards the rest.
  const [clientSocket, agentSocket] = memorySocketPair({ filter: (data) => typeof data !== 'string' });
  const client = new ClientSession({ socket: clientSocket, tokenValue: 'client-token', verifyDigest: false });
  const agent = new AgentDataChannel({ send: (frame) => agentSocket.send(frame), intact: true });
  agentSocket.addEventListener('message', (event: { data: Uint8Array }) => agent.receive(event.data));
  await new Promise((r) => agentSocket.addEventListener('open', r));
  const controller = new AbortController();
  await agent.handshake('Port', { type: 'LocalPortForwarding', portNumber: String(destinationPort) }, controller.signal);
  const ready = await client.ready;
  assert.ok(ready.multiplexed);
  const agentSockets = new Set<net.Socket>();
  const outcome = runMuxPort({ host: '127.0.0.1', port: destinationPort, addresses: ['127.0.0.1'] }, agent.io, controller.signal, {
    onConnection: (event) => event.socket && agentSockets.add(event.socket),
  });
  const local = net.createServer({ allowHalfOpen: true });
  const localPort = await listen(local);
  const cliSockets = new Set<net.Socket>();
  const bridge = bridgePort(local, client, (socket) => cliSockets.add(socket));
  return {
    localPort, cliSockets, agentSockets, client, outcome,
    close: () => {
      controller.abort('test over');
      bridge.close();
      client.close();
      agent.close();
      destination.close();
    },
  };
}

async function connectLocal(port: number): Promise<net.Socket> {
  const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  await new Promise((r) => socket.once('connect', r));
  return socket;
}

describe('port forwarding between Bosun ends, with a reader that stops', () => {
  it('download: a local client that stops reading does not make bosun port-forward buffer what the destination sends; uploads go on', async () => {
    const download = crypto.randomBytes(TOTAL);
    const upload = crypto.randomBytes(8 * MiB);
    const uploaded = crypto.createHash('sha256');
    let uploadedBytes = 0;
    const f = await forwarding((socket) => {
      socket.on('data', (chunk: Buffer) => {
        uploaded.update(chunk);
        uploadedBytes += chunk.length;
      });
      socket.end(download);
    });
    try {
      const reader = await connectLocal(f.localPort);
      reader.pause();
      // The other direction of the same connection, while the download is held back.
      reader.write(upload);
      await waitFor('the 8 MiB upload to reach the destination', () => uploadedBytes === upload.length);
      assert.equal(uploaded.digest('hex'), sha256(upload));
      const peak = await peakWhenSettled(() => waitingIn(f.cliSockets));
      console.log(`# download, local reader stopped: peak ${(peak / MiB).toFixed(1)} MiB waiting in bosun port-forward's sockets (bound ${BOUND / MiB} MiB, ${TOTAL / MiB} MiB sent)`);
      assert.ok(peak < BOUND, `${peak} bytes waited in the CLI's local sockets`);

      const got = await readToEnd(reader);
      assert.equal(got.bytes, TOTAL);
      assert.equal(got.sha, sha256(download));
      reader.destroy();
    } finally {
      f.close();
    }
  });

  it('upload: a destination that stops reading does not make the agent buffer what the local client sends; downloads go on', async () => {
    const upload = crypto.randomBytes(TOTAL);
    const download = crypto.randomBytes(8 * MiB);
    let destination: net.Socket | undefined;
    const f = await forwarding((socket) => {
      destination = socket;
      socket.pause();
      socket.write(download);
    });
    try {
      const writer = await connectLocal(f.localPort);
      const downloaded = crypto.createHash('sha256');
      let downloadedBytes = 0;
      writer.on('data', (chunk: Buffer) => {
        downloaded.update(chunk);
        downloadedBytes += chunk.length;
      });
      writer.end(upload);
      // The other direction of the same connection, while the upload is held back.
      await waitFor('the 8 MiB download to reach the local client', () => downloadedBytes === download.length);
      assert.equal(downloaded.digest('hex'), sha256(download));
      const peak = await peakWhenSettled(() => waitingIn(f.agentSockets));
      console.log(`# upload, destination stopped: peak ${(peak / MiB).toFixed(1)} MiB waiting in the agent's destination sockets (bound ${BOUND / MiB} MiB, ${TOTAL / MiB} MiB sent)`);
      assert.ok(peak < BOUND, `${peak} bytes waited in the agent's destination sockets`);

      const got = await readToEnd(destination!);
      assert.equal(got.bytes, TOTAL);
      assert.equal(got.sha, sha256(upload));
      writer.destroy();
    } finally {
      f.close();
    }
  });

  for (const stuck of ['local client', 'destination'] as const) {
    it(`the session still ends on request (the plugin's Ctrl-C flag) while the ${stuck} never reads`, async () => {
      const big = crypto.randomBytes(TOTAL);
      const f = await forwarding((socket) => {
        if (stuck === 'destination') socket.pause();
        else socket.write(big);
      });
      try {
        const local = await connectLocal(f.localPort);
        local.on('error', () => {}); // reset when the session ends
        if (stuck === 'local client') local.pause();
        else local.write(big);
        // Let the receiving end fill up and hold the sender back.
        const sockets = stuck === 'local client' ? f.cliSockets : f.agentSockets;
        await peakWhenSettled(() => waitingIn(sockets));
        const ended = await Promise.race([
          f.client.terminate().then(() => f.outcome),
          sleep(5000).then(() => null),
        ]);
        assert.ok(ended, 'terminate() and the agent ended the session within 5 s');
        assert.equal(ended.reason, 'the client ended the session');
        local.destroy();
      } finally {
        f.close();
      }
    });
  }
});
