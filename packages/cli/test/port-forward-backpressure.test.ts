/**
 * `bosun port-forward` through a real TLS server (its relay) and a real bosun-agent process, with
 * a reader that stops: the receiving process's memory (resident set, from /proc) does not grow by
 * what the other side sends, and everything arrives once the reader reads again. The in-process
 * test (port-backpressure.test.ts) measures the socket buffers themselves; this one checks that
 * pause_publication / start_publication cross the relay and that a user sees the difference.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sessionFixture, spawnBosun, waitFor, type Running, type SessionFixture } from './session-fixture';
import { readToEnd } from './socket-data';

const MiB = 1024 * 1024;
const TOTAL = 64 * MiB;
/**
 * How much the receiving process may grow while 64 MiB are pushed at a reader that stopped: what
 * waits in its socket (≤ 4 MiB high-water mark + the sender's 8 MiB window + a batch), plus what
 * its WebSocket and garbage collector keep. Without flow control it grew by 69-73 MiB, with it
 * by 25-28 MiB; resident memory moves with the garbage collector's timing, so the bound sits
 * halfway, leaving room for a loaded machine.
 */
const GROWTH_BOUND = 50 * MiB;
/**
 * What the whole path takes from the sender before it stalls: the kernel buffers of four loopback
 * sockets, both ends' windows and the receiver's high-water mark. Without flow control: all 64 MiB.
 */
const PATH_BOUND = 48 * MiB;

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** The peak of `sample` from now until `stable` has not changed for `quietMs`. */
async function peakUntilSettled(sample: () => number, stable: () => number, quietMs = 1500, ms = 60_000): Promise<number> {
  const end = Date.now() + ms;
  let peak = 0;
  let last = -1;
  let since = Date.now();
  for (;;) {
    peak = Math.max(peak, sample());
    const v = stable();
    if (v !== last) {
      last = v;
      since = Date.now();
    } else if (Date.now() - since >= quietMs || Date.now() > end) {
      return peak;
    }
    await sleep(50);
  }
}

/**
 * Writes `data` in 64 KiB pieces as the socket takes them (waiting for 'drain'), then ends it; the
 * counter is what the kernel has taken so far, so it stops moving when the path stalls.
 */
function pump(socket: net.Socket, data: Buffer): { taken(): number } {
  let offset = 0;
  const next = () => {
    while (offset < data.length) {
      const piece = data.subarray(offset, offset + 64 * 1024);
      offset += piece.length;
      if (!socket.write(piece)) {
        socket.once('drain', next);
        return;
      }
    }
    socket.end();
  };
  next();
  return { taken: () => offset - socket.writableLength };
}

describe('bosun port-forward with a reader that stops (real server and agent)', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  let f: SessionFixture;
  let destination: net.Server;
  let onDestination: (socket: net.Socket) => void = () => {};
  before(async () => {
    f = await sessionFixture();
    destination = net.createServer({ allowHalfOpen: true }, (socket) => onDestination(socket));
    await new Promise<void>((r) => destination.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    destination?.close();
    await f?.stop();
  });

  /** A fresh `bosun port-forward` (its memory is measured) and one connection through it. */
  async function forward(): Promise<{ run: Running; socket: net.Socket; stop(): Promise<void> }> {
    const run = spawnBosun(['port-forward', f.instanceId, '--remote', String((destination.address() as net.AddressInfo).port)], f.env);
    const m = await waitFor('"Waiting for connections"', () => /Port (\d+) opened/.exec(run.stdout()) ?? (run.child.exitCode !== null ? undefined : false), 20_000);
    const socket = net.connect({ port: Number(m![1]), host: '127.0.0.1', allowHalfOpen: true });
    await new Promise((r) => socket.once('connect', r));
    socket.on('error', () => {});
    return {
      run, socket,
      stop: async () => {
        socket.destroy();
        run.child.kill('SIGINT');
        assert.equal(await run.exited, 0, run.stderr());
      },
    };
  }

  // First, while the agent process is fresh: its resident set has not grown yet.
  it('upload: a destination that stops reading leaves the agent\'s memory bounded; then every byte arrives', async () => {
    const data = crypto.randomBytes(TOTAL);
    let sink: net.Socket | undefined;
    onDestination = (socket) => {
      sink = socket;
      socket.pause();
    };
    const pid = f.agent.child.pid!;
    const { socket: writer, stop } = await forward();
    await waitFor('the destination', () => sink);
    const base = rss(pid);
    const source = pump(writer, data);
    const peak = await peakUntilSettled(() => rss(pid), () => source.taken());
    console.log(`# upload, destination stopped: the agent grew by ${((peak - base) / MiB).toFixed(1)} MiB (RSS ${(base / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB; bound ${GROWTH_BOUND / MiB} MiB); the local client got ${(source.taken() / MiB).toFixed(1)} of ${TOTAL / MiB} MiB out before the path stalled`);
    assert.ok(peak - base < GROWTH_BOUND, `the agent grew by ${peak - base} bytes`);
    assert.ok(source.taken() < PATH_BOUND, 'the whole path (kernel buffers, CLI, relay, agent) stops taking data');
    const got = await readToEnd(sink!);
    assert.equal(got.bytes, TOTAL);
    assert.equal(got.sha, sha256(data));
    await stop();
  });

  it('download: a local client that stops reading leaves bosun port-forward\'s memory bounded; then every byte arrives', async () => {
    const data = crypto.randomBytes(TOTAL);
    let source: { taken(): number } | undefined;
    onDestination = (socket) => {
      source = pump(socket, data);
    };
    const { run, socket: reader, stop } = await forward();
    const pid = run.child.pid!;
    reader.pause();
    const base = rss(pid);
    await waitFor('the destination', () => source);
    const peak = await peakUntilSettled(() => rss(pid), () => source!.taken());
    console.log(`# download, local reader stopped: bosun port-forward grew by ${((peak - base) / MiB).toFixed(1)} MiB (RSS ${(base / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB; bound ${GROWTH_BOUND / MiB} MiB); the destination got ${(source!.taken() / MiB).toFixed(1)} of ${TOTAL / MiB} MiB out before the path stalled`);
    assert.ok(peak - base < GROWTH_BOUND, `bosun port-forward grew by ${peak - base} bytes`);
    assert.ok(source!.taken() < PATH_BOUND, 'the whole path (kernel buffers, agent, relay, CLI) stops taking data');
    const got = await readToEnd(reader);
    assert.equal(got.bytes, TOTAL);
    assert.equal(got.sha, sha256(data));
    await stop();
  });
});
