/**
 * Receive-side flow control between Bosun ends: pause_publication / start_publication sent by
 * the end that cannot hand data on (DataChannel.holdPeer), honoured by the other (it holds its
 * messages, its window fills), and InboundBacklog, which decides when to hold from the sockets.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import {
  AgentSession,
  ClientSession,
  DataChannel,
  decodeFrame,
  encodeFrame,
  ManualClock,
  memorySocketPair,
  MessageType,
  newMessageId,
  PayloadType,
  type SmuxStream,
} from './index';
import { InboundBacklog } from './stream-pump';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const typeOf = (frame: Uint8Array) => decodeFrame(frame).messageType;

function streamFrame(messageType: string, sequenceNumber: number, payload: string): Uint8Array {
  return encodeFrame({
    messageType, schemaVersion: 1, createdDate: Date.now(), sequenceNumber, flags: 0,
    messageId: newMessageId(), payloadType: PayloadType.Output, payload: bytes(payload),
  });
}

function controlFrame(messageType: string): Uint8Array {
  return encodeFrame({ messageType, schemaVersion: 1, createdDate: Date.now(), sequenceNumber: 0, flags: 0,
    messageId: newMessageId(), payloadType: 0, payload: new Uint8Array(0) });
}

async function waitFor(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('DataChannel publication control', () => {
  it('holdPeer sends pause_publication and start_publication once per change, unsequenced; repeatHold says the state again', () => {
    const frames: Uint8Array[] = [];
    const channel = new DataChannel({ role: 'client', send: (f) => frames.push(f), onStream: () => {} });
    channel.repeatHold();
    assert.equal(frames.length, 0, 'nothing to repeat before a hold');
    channel.holdPeer(true);
    channel.holdPeer(true);
    assert.ok(channel.holdingPeer);
    channel.holdPeer(false);
    channel.holdPeer(false);
    assert.deepEqual(frames.map(typeOf), ['pause_publication', 'start_publication']);
    for (const f of frames) {
      const frame = decodeFrame(f);
      assert.equal(frame.sequenceNumber, 0);
      assert.equal(frame.payload.length, 0);
    }
    assert.equal(channel.unacknowledged, 0, 'not kept for acknowledgement');
    channel.repeatHold();
    assert.equal(typeOf(frames[2]), 'start_publication');
    channel.close();
    channel.holdPeer(true);
    assert.equal(frames.length, 3, 'a closed channel sends nothing');
  });

  for (const role of ['agent', 'client'] as const) {
    it(`a paused ${role} stays paused while stream data and acknowledgements arrive, acknowledges that data, and sends what it held on start_publication`, () => {
      const clock = new ManualClock();
      const frames: Uint8Array[] = [];
      const got: string[] = [];
      const channel = new DataChannel({ role, clock, send: (f) => frames.push(f), onStream: (_t, p) => got.push(text(p)) });
      const incoming = role === 'agent' ? MessageType.InputStreamData : MessageType.OutputStreamData;
      channel.sendStream(PayloadType.Output, bytes('first'));
      const first = decodeFrame(frames[0]);
      channel.receive(controlFrame(MessageType.PausePublication));
      channel.sendStream(PayloadType.Output, bytes('held'));
      assert.ok(channel.unacknowledgedBytes > decodeFrame(frames[0]).payload.length, 'held messages count in the window');
      // The other direction goes on, and so does the acknowledgement of what went out before.
      channel.receive(streamFrame(incoming, 0, 'x'));
      channel.receive(encodeFrame({
        messageType: MessageType.Acknowledge, schemaVersion: 1, createdDate: Date.now(), sequenceNumber: 0, flags: 3, messageId: newMessageId(), payloadType: 0,
        payload: bytes(`{"AcknowledgedMessageType":"${first.messageType}","AcknowledgedMessageId":"${first.messageId}","AcknowledgedMessageSequenceNumber":0,"IsSequentialMessage":true}`),
      }));
      clock.advance(5000);
      assert.ok(channel.isPaused);
      assert.deepEqual(got, ['x']);
      assert.deepEqual(frames.slice(1).map(typeOf), ['acknowledge'], 'the data is acknowledged; nothing held goes out, nothing is resent');
      channel.receive(controlFrame(MessageType.StartPublication));
      assert.ok(!channel.isPaused);
      assert.deepEqual(frames.slice(2).map((f) => text(decodeFrame(f).payload)), ['held']);
      channel.close();
    });
  }

  it('resumePublication puts held messages on the wire (a terminate flag behind held data)', () => {
    const frames: Uint8Array[] = [];
    const channel = new DataChannel({ role: 'client', send: (f) => frames.push(f), onStream: () => {} });
    channel.receive(controlFrame(MessageType.PausePublication));
    channel.sendStream(PayloadType.Output, bytes('data'));
    assert.equal(frames.length, 0);
    channel.resumePublication();
    channel.sendStream(PayloadType.Flag, Uint8Array.of(0, 0, 0, 1));
    assert.deepEqual(frames.map((f) => decodeFrame(f).sequenceNumber), [0, 1]);
    channel.close();
  });
});

describe('holding the peer between ClientSession and AgentSession', () => {
  it('while the agent holds the client, the client\'s stream data waits (in its window) and output still flows; released, all arrives in order', async () => {
    const [clientSocket, agentSocket] = memorySocketPair({ filter: (data) => typeof data !== 'string' });
    const upstream: string[] = [];
    let agentStream: SmuxStream | undefined;
    const agent: AgentSession = new AgentSession({
      socket: agentSocket, sessionType: 'Port', properties: { portNumber: '80', type: 'LocalPortForwarding' },
      onStream: (s) => {
        agentStream = s;
        s.onData = (b) => upstream.push(text(b));
      },
    });
    const client = new ClientSession({ socket: clientSocket, tokenValue: 't' });
    await client.ready;
    await agent.handshake;
    const stream = client.openStream();
    const downstream: string[] = [];
    stream.onData = (b) => downstream.push(text(b));
    stream.write(bytes('a'));
    await waitFor('a', () => upstream.length === 1);

    agent.holdPeer(true);
    await new Promise((r) => setTimeout(r, 10));
    stream.write(bytes('b'));
    stream.write(bytes('c'));
    agentStream!.write(bytes('out'));
    await waitFor('output while held', () => downstream.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(upstream, ['a'], 'nothing of the held direction arrived');
    assert.ok(client.unacknowledgedBytes > 0, 'what waits counts in the client\'s window');

    agent.holdPeer(false);
    await waitFor('b and c', () => upstream.length === 3);
    assert.deepEqual(upstream, ['a', 'b', 'c']);
    await client.drained();
    assert.equal(client.unacknowledgedBytes, 0);
    client.close();
    agent.close();
  });

  it('a client that reconnects (resume) tells the agent again whether it holds it', async () => {
    const sent: { socket: number; type: string }[] = [];
    const record = (socket: number) => (data: string | Uint8Array) => {
      sent.push({ socket, type: typeof data === 'string' ? 'text' : typeOf(data) });
      return false;
    };
    const [first] = memorySocketPair({ filter: record(1) });
    const client = new ClientSession({ socket: first, tokenValue: 't', onDisconnect: () => {} });
    await waitFor('open', () => sent.length === 1);
    client.holdPeer(true);
    first.close();
    await new Promise((r) => setTimeout(r, 5));
    const [second] = memorySocketPair({ filter: record(2) });
    client.resume(second, 't2');
    await waitFor('the second open', () => sent.some((s) => s.socket === 2));
    client.holdPeer(false);
    assert.deepEqual(sent, [
      { socket: 1, type: 'text' },
      { socket: 1, type: 'pause_publication' },
      { socket: 2, type: 'text' },
      { socket: 2, type: 'pause_publication' },
      { socket: 2, type: 'start_publication' },
    ]);
    client.close();
  });
});

/** A socket as InboundBacklog sees it, with its buffer set by hand. */
class FakeSink extends EventEmitter {
  writableLength = 0;
  writableNeedDrain = false;
  fill(n: number, highWaterMark = 16 * 1024): void {
    this.writableLength += n;
    if (this.writableLength >= highWaterMark) this.writableNeedDrain = true;
  }
  drain(): void {
    this.writableLength = 0;
    if (this.writableNeedDrain) {
      this.writableNeedDrain = false;
      this.emit('drain');
    }
  }
}

describe('InboundBacklog', () => {
  it('holds once more than the high mark waits over all sockets, and lets go when they drained below the low one', () => {
    const holds: boolean[] = [];
    const backlog = new InboundBacklog((h) => holds.push(h), 100, 40);
    const a = new FakeSink();
    const b = new FakeSink();
    backlog.watch(a);
    backlog.watch(b);
    a.fill(60, 16);
    backlog.wrote();
    b.fill(40, 16);
    backlog.wrote();
    assert.deepEqual(holds, [], '100 is not more than 100');
    b.fill(1, 16);
    backlog.wrote();
    backlog.wrote();
    assert.deepEqual(holds, [true]);
    assert.ok(backlog.held);
    a.drain();
    assert.deepEqual(holds, [true], 'b still has 41 ≥ 40 to drain');
    b.drain();
    assert.deepEqual(holds, [true, false]);
    assert.equal(backlog.bytes, 0);
  });

  it('lets go when no socket has a full buffer left (what remains flushes without a drain event), when a socket closes or finishes, and counts bytes kept aside', () => {
    const holds: boolean[] = [];
    const backlog = new InboundBacklog((h) => holds.push(h), 100, 10);
    const big = new FakeSink();
    const small = new FakeSink();
    backlog.watch(big);
    backlog.watch(small);
    small.fill(15, 1000); // under its highWaterMark: no 'drain' will come for it
    big.fill(200, 16);
    backlog.wrote();
    big.drain();
    assert.deepEqual(holds, [true, false], '15 bytes ≥ low, but in no socket that still needs to drain');

    big.fill(200, 16);
    backlog.wrote();
    big.emit('close');
    assert.deepEqual(holds, [true, false, true, false], 'a closed socket no longer counts');
    assert.equal(backlog.bytes, 15);

    const ending = new FakeSink();
    backlog.watch(ending);
    ending.fill(200, 16);
    backlog.wrote();
    ending.writableLength = 0; // end(): it flushes and finishes, without 'drain'
    ending.emit('finish');
    assert.deepEqual(holds.slice(4), [true, false]);

    backlog.add(150);
    assert.deepEqual(holds.slice(6), [true], 'bytes kept aside count');
    backlog.add(-150);
    assert.deepEqual(holds.slice(6), [true, false]);
    backlog.forget(small);
    backlog.forget(small);
    assert.equal(backlog.bytes, 0);
    assert.equal(small.listenerCount('drain'), 0);
  });
});
