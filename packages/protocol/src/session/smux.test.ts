import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import { ManualClock, SmuxSession, type SmuxStream } from './index';

// Made with the plugin's vendored xtaci/smux (a throwaway Go program outside the repository):
// a client opens a stream, writes "hello" and 40000 bytes (i % 251), closes; the server reads to
// EOF, writes "echo:<n>" and closes. The client's 40045 bytes are kept as their SHA-256.
const GO_CLIENT_TO_SERVER = {
  length: 40045,
  sha256: '11ce4fea6e8ed4b611ae0dd86a36caa61ad10b49bbbceef4cd6a588adeec1799',
  head: '0100000003000000010205000300000068656c6c6f0102008003000000000102030405060708090a',
};
const GO_SERVER_TO_CLIENT = '01020a00030000006563686f3a34303030350101000003000000';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};
const big = Uint8Array.from({ length: 40000 }, (_, i) => i % 251);

function goClientBytes(): Uint8Array {
  const wire: Uint8Array[] = [];
  const client = new SmuxSession({ role: 'client', send: (b) => wire.push(b) });
  const stream = client.openStream();
  stream.write(bytes('hello'));
  stream.write(big);
  stream.end();
  return concat(wire);
}

describe('smux v1', () => {
  it('a client writes exactly the bytes the Go smux client writes (first stream id 3, 32768-byte frames)', () => {
    const ours = goClientBytes();
    assert.equal(ours.length, GO_CLIENT_TO_SERVER.length);
    assert.equal(hex(ours.subarray(0, 40)), GO_CLIENT_TO_SERVER.head);
    assert.equal(hex(sha256(ours)), GO_CLIENT_TO_SERVER.sha256);
  });

  it('a server reads the Go client\'s bytes in any chunking and answers with the Go server\'s bytes', () => {
    const input = goClientBytes();
    const wire: Uint8Array[] = [];
    const received: Uint8Array[] = [];
    let streamId = 0;
    const server = new SmuxSession({
      role: 'server', send: (b) => wire.push(b),
      onStream: (stream) => {
        streamId = stream.id;
        stream.onData = (b) => received.push(b);
        stream.onEnd = () => {
          const n = received.reduce((s, b) => s + b.length, 0);
          stream.write(bytes(`echo:${n}`));
          stream.end();
        };
      },
    });
    let seed = 3;
    for (let o = 0; o < input.length;) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const n = 1 + (seed % 97);
      server.receive(input.subarray(o, o + n));
      o += n;
    }
    assert.equal(streamId, 3);
    const all = concat(received);
    assert.equal(text(all.subarray(0, 5)), 'hello');
    assert.deepEqual(all.subarray(5), big);
    assert.equal(hex(concat(wire)), GO_SERVER_TO_CLIENT);
    assert.equal(server.streamCount, 0, 'a stream ended both ways is forgotten');
  });

  it('carries several streams at once, each in order, with odd client and even server ids', () => {
    const toServer: Uint8Array[] = [];
    const toClient: Uint8Array[] = [];
    const accepted: SmuxStream[] = [];
    const client = new SmuxSession({ role: 'client', send: (b) => toServer.push(b), onStream: (s) => accepted.push(s) });
    const server = new SmuxSession({ role: 'server', send: (b) => toClient.push(b), onStream: (s) => {
      const chunks: string[] = [];
      s.onData = (b) => { chunks.push(text(b)); s.write(bytes(text(b).toUpperCase())); };
      s.onEnd = () => { s.write(bytes(`[${chunks.join('')}]`)); s.end(); };
    } });
    const pump = () => {
      while (toServer.length || toClient.length) {
        const a = toServer.splice(0);
        for (const b of a) server.receive(b);
        const c = toClient.splice(0);
        for (const b of c) client.receive(b);
      }
    };
    const streams = [client.openStream(), client.openStream(), client.openStream()];
    assert.deepEqual(streams.map((s) => s.id), [3, 5, 7]);
    const got = new Map<number, string>();
    const ended: number[] = [];
    for (const s of streams) {
      got.set(s.id, '');
      s.onData = (b) => got.set(s.id, got.get(s.id) + text(b));
      s.onEnd = () => ended.push(s.id);
    }
    for (let i = 0; i < 3; i++) for (const s of streams) s.write(bytes(`s${s.id}m${i};`));
    pump();
    for (const s of streams) s.end();
    pump();
    for (const s of streams) assert.equal(got.get(s.id), `S${s.id}M0;S${s.id}M1;S${s.id}M2;[s${s.id}m0;s${s.id}m1;s${s.id}m2;]`);
    assert.deepEqual(ended.sort(), [3, 5, 7]);
    assert.equal(server.openStream().id, 2);
    pump();
    assert.equal(accepted[0]?.id, 2);
  });

  it('sends NOP keep-alives only when asked, and stops on a protocol error', () => {
    const clock = new ManualClock();
    const wire: Uint8Array[] = [];
    const errors: Error[] = [];
    const session = new SmuxSession({ role: 'client', send: (b) => wire.push(b), keepAliveIntervalMs: 10_000, clock, onError: (e) => errors.push(e) });
    clock.advance(25_000);
    assert.deepEqual(wire.map(hex), ['0103000000000000', '0103000000000000']);
    const quietWire: Uint8Array[] = [];
    const quiet = new SmuxSession({ role: 'client', send: (b) => quietWire.push(b), clock });
    clock.advance(60_000);
    assert.equal(quietWire.length, 0, 'keep-alive is off by default');
    const stream = session.openStream();
    let endedByClose = false;
    stream.onEnd = () => { endedByClose = true; };
    session.receive(Uint8Array.from([2, 2, 0, 0, 3, 0, 0, 0]));
    assert.equal(errors.length, 1);
    assert.ok(session.isClosed && endedByClose);
    assert.throws(() => stream.write(bytes('x')));
    quiet.close();
  });

  it('cuts large writes into messages of whole frames, and reads frames split anywhere between messages', () => {
    const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 253);
    const wire: Uint8Array[] = [];
    let inPlace = 0;
    const client = new SmuxSession({
      role: 'client', send: (b) => wire.push(b), messageSize: () => 100_000,
      sendInPlace: (length, fill) => {
        inPlace++;
        const out = new Uint8Array(length + 3).fill(0xee);
        fill(out, 3);
        wire.push(out.subarray(3));
      },
    });
    const stream = client.openStream();
    stream.writev([data.subarray(0, 5), data.subarray(5, 200_001), data.subarray(200_001)]);
    assert.equal(inPlace, 4, '3 frames of 32 KiB fit in 100 000 bytes: 300 000 bytes go as 4 messages');
    for (const message of wire.slice(1)) {
      assert.ok(message.length <= 100_000);
      let at = 0;
      while (at < message.length) at += 8 + (message[at + 2] | (message[at + 3] << 8));
      assert.equal(at, message.length, 'each message ends on a frame boundary');
    }
    const all = concat(wire);
    for (const size of [1, 7, 8, 9, 1000, 32_775, 32_776, 32_777, 50_000, all.length]) {
      const got: Uint8Array[] = [];
      const server = new SmuxSession({ role: 'server', send: () => {}, onStream: (s) => { s.onData = (b) => got.push(b.slice()); } });
      for (let o = 0; o < all.length; o += size) server.receive(all.subarray(o, o + size));
      assert.deepEqual(concat(got), data, `pieces of ${size} bytes`);
    }
  });
});
