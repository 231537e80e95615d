/**
 * Moving bytes between a local TCP socket and a smux stream, for the two Node ends of port
 * forwarding (bosun-agent's destination sockets, `bosun port-forward`'s local sockets). Node
 * only: it uses setImmediate and process.nextTick, which browsers lack.
 *
 * Flow control, both ways: a sender keeps a sliding window on what its peer has not acknowledged
 * (`turnBatcher`'s afterWrite pauses the sockets it reads); a receiver holds its peer back with
 * pause_publication while its sockets have more than INBOUND_HIGH bytes waiting to be written, and
 * lets it go on with start_publication once they drained (`InboundBacklog`).
 */
import type { SmuxStream } from './smux';

/** What these helpers need of a net.Socket. */
export interface CorkableSink {
  cork(): void;
  uncork(): void;
  write(bytes: Uint8Array): unknown;
}

/**
 * A writer that corks the socket until the end of the tick: the smux frames (32 KiB each) of
 * every message of one read go out in one writev, not one write system call each.
 */
export function tickCorkedWriter(sink: () => CorkableSink | undefined): (bytes: Uint8Array) => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    sink()?.uncork();
  };
  return (bytes) => {
    const socket = sink();
    if (!socket) return;
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    socket.write(bytes);
  };
}

/**
 * Batches a socket's reads into the stream: the reads of one event-loop turn (libuv reads up to
 * 32 × 64 KiB while data keeps coming) go as one message — fewer acknowledgements, frames and
 * writes. setImmediate runs right after this turn's I/O, so nothing waits for a timer.
 * `afterWrite` runs after each message handed to the stream (flow control).
 */
export function turnBatcher(stream: SmuxStream, afterWrite: () => void): { push(chunk: Uint8Array): void; flush(): void } {
  let pieces: Uint8Array[] = [];
  const flush = () => {
    const out = pieces;
    pieces = [];
    if (out.length === 0 || !stream.writable) return;
    if (out.length === 1) stream.write(out[0]);
    else stream.writev(out);
    afterWrite();
  };
  return {
    push(chunk) {
      if (pieces.length === 0) setImmediate(flush);
      pieces.push(chunk);
    },
    flush,
  };
}

/** A receiver holds its peer back once this many bytes wait in its sockets (sum over its streams)… */
export const INBOUND_HIGH = 4 * 1024 * 1024;
/** …and lets it go on once fewer than this wait (checked when a socket drained or closed). */
export const INBOUND_LOW = 1024 * 1024;

/** What InboundBacklog needs of a net.Socket. */
export interface WatchedSink {
  readonly writableLength: number;
  /** Node ≥ 15.2: a write returned false and 'drain' has not come yet. */
  readonly writableNeedDrain?: boolean;
  on(event: 'drain' | 'finish' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'finish' | 'close', listener: () => void): unknown;
}

/**
 * Receive-side flow control for the sockets one session writes into. The data channel
 * acknowledges a message when it arrives and the socket takes whatever it is given, so a reader
 * slower than the channel would make the receiving process buffer all the peer sends (the
 * sender's window bounds what is unacknowledged, not what waits in a socket). This holds the peer
 * (`hold(true)`: DataChannel.holdPeer, pause_publication) while more than `high` bytes wait in
 * the sockets, plus any kept outside them (`add`), and lets it go (`hold(false)`) once fewer than
 * `low` do — or once no socket still has a full buffer to drain (the rest, under a socket's
 * highWaterMark each, flushes without events). What waits here then stays under `high` plus
 * what the peer had sent before it paused: its window (8 MiB) and one batch of its reads.
 *
 * The hold is for the whole session (smux v1 has no per-stream flow control): other streams of
 * the same direction wait too; the other direction and acknowledgements do not.
 */
export class InboundBacklog {
  private readonly sinks = new Map<WatchedSink, () => void>();
  private extra = 0;
  private holding = false;

  constructor(
    private readonly hold: (held: boolean) => void,
    private readonly high = INBOUND_HIGH,
    private readonly low = INBOUND_LOW,
  ) {}

  /** Whether the peer is held back now. */
  get held(): boolean {
    return this.holding;
  }

  /** Bytes waiting: in the watched sockets' buffers, plus `add`ed ones. */
  get bytes(): number {
    let n = this.extra;
    for (const sink of this.sinks.keys()) n += sink.writableLength;
    return n;
  }

  /** Counts a socket in until it closes (or `forget`). */
  watch(sink: WatchedSink): void {
    if (this.sinks.has(sink)) return;
    const check = () => this.check();
    const closed = () => this.forget(sink);
    sink.on('drain', check);
    sink.on('finish', check);
    sink.on('close', closed);
    this.sinks.set(sink, () => {
      sink.off('drain', check);
      sink.off('finish', check);
      sink.off('close', closed);
    });
    this.wrote();
  }

  forget(sink: WatchedSink): void {
    const unwatch = this.sinks.get(sink);
    if (!unwatch) return;
    unwatch();
    this.sinks.delete(sink);
    this.check();
  }

  /** Bytes kept outside any socket (data for a destination still being dialled); negative when they went. */
  add(bytes: number): void {
    this.extra += bytes;
    if (bytes > 0) this.wrote();
    else this.check();
  }

  /** Call after writing to a watched socket: holds the peer once too much waits. */
  wrote(): void {
    if (this.holding || this.bytes <= this.high) return;
    this.holding = true;
    this.hold(true);
  }

  /** Lets the peer go once the sockets drained enough. */
  private check(): void {
    if (!this.holding) return;
    if (this.bytes >= this.low) {
      let full = this.extra > 0;
      for (const sink of this.sinks.keys()) if (sink.writableLength > 0 && sink.writableNeedDrain !== false) full = true;
      if (full) return;
    }
    this.holding = false;
    this.hold(false);
  }
}
