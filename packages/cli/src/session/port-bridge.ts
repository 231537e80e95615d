/**
 * Local TCP connections ↔ smux streams of a multiplexed Port session: one stream per accepted
 * connection, as the plugin's muxportforwarding.go does.
 *
 * Flow control: the data channel keeps every message until the node acknowledges it, and
 * smux v1 does not tell a sender to slow down. So local sockets are paused once HIGH bytes are
 * unacknowledged and resumed when that fell below LOW — a sliding window, the same the agent
 * applies in the other direction; the agent's pause_publication (its destination cannot keep up)
 * holds our messages back, which fills that window. Downloads: while local clients leave more
 * than INBOUND_HIGH bytes unread in their sockets, the agent is asked to pause in turn
 * (InboundBacklog), so a client that stops reading does not make this process buffer what the
 * destination sends.
 */
import net from 'node:net';
import type { ClientSession, SmuxStream } from '@bosun/protocol/session/index';
import { InboundBacklog, tickCorkedWriter, turnBatcher } from '@bosun/protocol/session/stream-pump';

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
  const backlog = new InboundBacklog((held) => session.holdPeer(held));

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
    backlog.watch(socket);
    const toSocket = tickCorkedWriter(() => (socket.destroyed ? undefined : socket));
    stream.onData = (bytes) => {
      toSocket(bytes);
      backlog.wrote();
    };
    stream.onEnd = () => socket.end();
    const toStream = turnBatcher(stream, sent);
    const flush = toStream.flush;
    socket.on('data', (chunk: Buffer) => toStream.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
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
