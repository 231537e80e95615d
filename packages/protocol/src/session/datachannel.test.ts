import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DataChannel,
  decodeFrame,
  decodeJsonPayload,
  encodeFrame,
  encodeJsonPayload,
  ManualClock,
  MessageType,
  newMessageId,
  PayloadType,
  type AcknowledgeContent,
} from './index';

/** A deterministic pseudo-random generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LinkStats { sent: number; dropped: number; duplicated: number }

/** Two DataChannels joined by a link that drops, duplicates and reorders frames (virtual time). */
function lossyPair(seed: number, loss: number) {
  const clock = new ManualClock();
  const rand = random(seed);
  const stats: LinkStats = { sent: 0, dropped: 0, duplicated: 0 };
  const received = { client: [] as string[], agent: [] as string[] };
  const link = (to: () => DataChannel) => (frame: Uint8Array) => {
    stats.sent++;
    if (rand() < loss) {
      stats.dropped++;
      return;
    }
    const copies = rand() < 0.05 ? 2 : 1;
    if (copies === 2) stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      const copy = frame.slice();
      clock.setTimer(() => to().receive(copy), 5 + Math.floor(rand() * 60));
    }
  };
  const text = new TextDecoder();
  const client: DataChannel = new DataChannel({
    role: 'client', clock, send: link(() => agent),
    onStream: (_type, payload) => received.client.push(text.decode(payload)),
  });
  const agent: DataChannel = new DataChannel({
    role: 'agent', clock, send: link(() => client),
    onStream: (_type, payload) => received.agent.push(text.decode(payload)),
  });
  return { clock, client, agent, received, stats };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('DataChannel', () => {
  for (const [seed, loss] of [[1, 0], [7, 0.2], [42, 0.35]] as const) {
    it(`delivers everything once and in order both ways over a link losing ${loss * 100}% of frames (seed ${seed})`, () => {
      const { clock, client, agent, received, stats } = lossyPair(seed, loss);
      const want = Array.from({ length: 300 }, (_, i) => `message ${i}`);
      for (const m of want) {
        client.sendStream(PayloadType.Output, bytes(`in ${m}`));
        agent.sendStream(PayloadType.Output, bytes(`out ${m}`));
        clock.advance(3);
      }
      for (let i = 0; i < 100_000 && (client.unacknowledged > 0 || agent.unacknowledged > 0); i++) clock.advance(50);
      assert.deepEqual(received.agent, want.map((m) => `in ${m}`));
      assert.deepEqual(received.client, want.map((m) => `out ${m}`));
      assert.equal(client.unacknowledged + agent.unacknowledged, 0);
      if (loss > 0) assert.ok(stats.dropped > 0 && stats.duplicated > 0, 'the link really lost and duplicated frames');
      assert.equal(clock.pendingTimers, 0, 'no resend timer runs once everything is acknowledged');
    });
  }

  it('resends the oldest unacknowledged message on the first 100 ms tick after 200 ms, then every tick past the timeout', () => {
    const clock = new ManualClock();
    const sent: number[] = [];
    const channel = new DataChannel({ role: 'client', clock, send: () => sent.push(clock.now()), onStream: () => {} });
    const t0 = clock.now();
    channel.sendStream(PayloadType.Output, bytes('x'));
    clock.advance(1000);
    // Ticks every 100 ms; a resend needs more than 200 ms since the last send: 300, 600, 900.
    assert.deepEqual(sent.map((t) => t - t0), [0, 300, 600, 900]);
  });

  it('adapts the retransmission timeout to the round trip time like the plugin', () => {
    const clock = new ManualClock();
    const frames: Uint8Array[] = [];
    const channel = new DataChannel({ role: 'agent', clock, send: (f) => frames.push(f), onStream: () => {} });
    assert.equal(channel.retransmissionTimeout, 200);
    channel.sendStream(PayloadType.Output, bytes('x'));
    clock.advance(40);
    const sent = decodeFrame(frames[0]);
    channel.receive(ackFor(sent));
    // rttvar = 0.25 * |100 - 40| = 15; rtt = 0.875 * 100 + 0.125 * 40 = 92.5; rto = 92.5 + 4 * 15
    assert.equal(channel.retransmissionTimeout, 152.5);
    assert.equal(channel.unacknowledged, 0);
  });

  it('acknowledges each stream message with the plugin\'s acknowledge content, again for a duplicate', () => {
    const frames: Uint8Array[] = [];
    const got: string[] = [];
    const channel = new DataChannel({ role: 'client', send: (f) => frames.push(f), onStream: (_t, p) => got.push(new TextDecoder().decode(p)) });
    const message = streamFrame(0, 'hello');
    channel.receive(message);
    channel.receive(message);
    assert.deepEqual(got, ['hello']);
    assert.equal(frames.length, 2);
    const ack = decodeFrame(frames[0]);
    assert.equal(ack.messageType, 'acknowledge');
    assert.equal(ack.flags, 3);
    const original = decodeFrame(message);
    assert.deepEqual(decodeJsonPayload(ack.payload), {
      AcknowledgedMessageType: 'output_stream_data', AcknowledgedMessageId: original.messageId,
      AcknowledgedMessageSequenceNumber: 0, IsSequentialMessage: true,
    });
  });

  it('holds messages back during pause_publication and sends them on start_publication', () => {
    const clock = new ManualClock();
    const frames: Uint8Array[] = [];
    const publication: boolean[] = [];
    const channel = new DataChannel({ role: 'agent', clock, send: (f) => frames.push(f), onStream: () => {}, onPublication: (a) => publication.push(a) });
    channel.receive(controlFrame(MessageType.PausePublication));
    channel.sendStream(PayloadType.Output, bytes('a'));
    channel.sendStream(PayloadType.Output, bytes('b'));
    clock.advance(2000);
    assert.equal(frames.length, 0, 'nothing goes out, not even resends, while paused');
    channel.receive(controlFrame(MessageType.StartPublication));
    assert.deepEqual(frames.map((f) => new TextDecoder().decode(decodeFrame(f).payload)), ['a', 'b']);
    assert.deepEqual(publication, [false, true]);
  });

  it('stops on channel_closed and tells why', () => {
    let output = '';
    const channel = new DataChannel({ role: 'client', send: () => {}, onStream: () => {}, onChannelClosed: (info) => { output = info.Output; } });
    channel.receive(encodeFrame({
      messageType: MessageType.ChannelClosed, schemaVersion: 1, createdDate: Date.now(), sequenceNumber: 0, flags: 0,
      messageId: newMessageId(), payloadType: 0,
      payload: encodeJsonPayload({ MessageId: newMessageId(), CreatedDate: '', DestinationId: 'mi-1', SessionId: 's', MessageType: 'channel_closed', SchemaVersion: 1, Output: 'Session terminated by alice' }),
    }));
    assert.equal(output, 'Session terminated by alice');
    assert.ok(channel.isClosed);
    assert.throws(() => channel.sendStream(PayloadType.Output, bytes('x')));
  });

  it('splits long output into 1024-byte messages and reports a corrupt frame without throwing', () => {
    const frames: Uint8Array[] = [];
    const errors: Error[] = [];
    const channel = new DataChannel({ role: 'agent', send: (f) => frames.push(f), onStream: () => {}, onError: (e) => errors.push(e) });
    channel.sendStream(PayloadType.Output, new Uint8Array(2500));
    assert.deepEqual(frames.map((f) => decodeFrame(f).payload.length), [1024, 1024, 452]);
    assert.deepEqual(frames.map((f) => decodeFrame(f).sequenceNumber), [0, 1, 2]);
    assert.equal(decodeFrame(frames[0]).flags, 1, 'the agent marks its first message SYN');
    channel.receive(new Uint8Array(50));
    assert.equal(errors.length, 1);
    channel.close();
  });
});

describe('DataChannel digest checking', () => {
  it('refuses a tampered payload by default and takes it with verifyDigest false (TLS/loopback ends)', () => {
    const tampered = streamFrame(0, 'ls\r');
    tampered[tampered.length - 1] ^= 0xff; // 'ls\r' arrives as 'ls' + 0xf2: the digest no longer matches
    for (const verifyDigest of [undefined, false]) {
      const got: number[][] = [];
      const errors: Error[] = [];
      const acks: Uint8Array[] = [];
      const channel = new DataChannel({
        role: 'agent', clock: new ManualClock(), verifyDigest,
        send: (f) => acks.push(f), onStream: (_t, payload) => got.push([...payload]), onError: (e) => errors.push(e),
      });
      channel.receive(tampered);
      if (verifyDigest === false) {
        assert.deepEqual(got, [[0x6c, 0x73, 0x0d ^ 0xff]]);
        assert.equal(acks.length, 1, 'acknowledged');
        assert.equal(errors.length, 0);
      } else {
        assert.deepEqual(got, []);
        assert.equal(acks.length, 0, 'not acknowledged: the sender resends it');
        assert.match(errors[0]?.message ?? '', /digest/);
      }
      channel.close();
    }
  });
});

function streamFrame(sequenceNumber: number, text: string): Uint8Array {
  return encodeFrame({
    messageType: MessageType.OutputStreamData, schemaVersion: 1, createdDate: Date.now(), sequenceNumber, flags: 0,
    messageId: newMessageId(), payloadType: PayloadType.Output, payload: bytes(text),
  });
}

function controlFrame(messageType: string): Uint8Array {
  return encodeFrame({ messageType, schemaVersion: 1, createdDate: Date.now(), sequenceNumber: 0, flags: 0,
    messageId: newMessageId(), payloadType: 0, payload: new Uint8Array(0) });
}

function ackFor(frame: ReturnType<typeof decodeFrame>): Uint8Array {
  const content: AcknowledgeContent = {
    AcknowledgedMessageType: frame.messageType, AcknowledgedMessageId: frame.messageId,
    AcknowledgedMessageSequenceNumber: frame.sequenceNumber, IsSequentialMessage: true,
  };
  return encodeFrame({ messageType: MessageType.Acknowledge, schemaVersion: 1, createdDate: Date.now(), sequenceNumber: 0,
    flags: 3, messageId: newMessageId(), payloadType: 0, payload: encodeJsonPayload(content) });
}
