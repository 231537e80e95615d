/**
 * Moving bytes between a local TCP socket and a smux stream, for the two Node ends of port
 * forwarding (bosun-agent's destination sockets, `bosun port-forward`'s local sockets). Node
 * only: it uses setImmediate and process.nextTick, which browsers lack.
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
