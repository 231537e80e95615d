/**
 * Local TCP connections ↔ smux streams of a multiplexed Port session: one stream per accepted
 * connection, as the plugin's muxportforwarding.go does.
 *
 * Flow control: the data channel keeps every message until the node acknowledges it, and
 * neither smux v1 nor the channel tells a sender to slow down. So local sockets are paused once
 * HIGH bytes are unacknowledged and resumed when that fell below LOW — a sliding window, the
 * same the agent applies in the other direction.
 */
import net from 'node:net';
import type { ClientSession, SmuxStream } from '@bosun/protocol/session/index';

const HIGH = 8 * 1024 * 1024;
const LOW = 4 * 1024 * 1024;

export interface PortBridge {
  server: net.Server;
  connections(): number;
  close(): void;
}

export function bridgePort(server: net.Server, session: ClientSession, onConnection?: (socket: net.Socket) => void): PortBridge {
  const sockets = new Set<net.Socket>();
  let waiting = false;

  const sent = () => {
    if (waiting || session.unacknowledgedBytes < HIGH) return;
    waiting = true;
    for (const s of sockets) s.pause();
    void session.windowBelow(LOW).then(() => {
      waiting = false;
      for (const s of sockets) s.resume();
    });
  };

  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    let stream: SmuxStream;
    try {
      stream = session.openStream();
    } catch {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    onConnection?.(socket);
    if (waiting) socket.pause();
    let corked = false;
    const uncork = () => {
      corked = false;
      socket.uncork();
    };
    stream.onData = (bytes) => {
      if (socket.destroyed) return;
      // The smux frames (32 KiB each) of every message of one read go to the local socket in
      // one writev at the end of the tick, not one write system call each.
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      socket.write(bytes);
    };
    stream.onEnd = () => socket.end();
    // The reads of one event-loop turn (libuv reads up to 32 × 64 KiB while data keeps coming)
    // go as one message: fewer acknowledgements, frames and writes. setImmediate runs right
    // after this turn's I/O, so nothing waits for a timer.
    let pieces: Uint8Array[] = [];
    const flush = () => {
      const out = pieces;
      pieces = [];
      if (out.length === 0 || !stream.writable) return;
      if (out.length === 1) stream.write(out[0]);
      else stream.writev(out);
      sent();
    };
    socket.on('data', (chunk: Buffer) => {
      if (pieces.length === 0) setImmediate(flush);
      pieces.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on('end', () => {
      flush();
      if (stream.writable) stream.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      flush();
      sockets.delete(socket);
      if (stream.writable) stream.end();
    });
  });

  return {
    server,
    connections: () => sockets.size,
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}
