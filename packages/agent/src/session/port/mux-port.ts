/**
 * LocalPortForwarding multiplexed with smux (the plugin's mode for current agents): every smux
 * stream the client opens is one TCP connection from the agent to the destination, any number
 * at once. A connection that cannot be made answers with the ConnectToPortError flag and the
 * stream's FIN (AWS port_mux.go). Keep-alive stays off, as the plugin expects of our version.
 *
 * Flow control: reads from the destinations pause while the client has too much unacknowledged
 * (io.backlogged: the sliding window; a Bosun client's pause_publication fills it). Uploads:
 * while the destinations leave more than INBOUND_HIGH bytes unwritten, the client is asked to
 * pause (pause_publication, InboundBacklog) — a Bosun client stops reading its local sockets, the
 * plugin ignores it and nothing changes for it.
 */
import type net from 'node:net';
import { PayloadTypeFlag } from '@bosun/protocol/session/constants';
import { SmuxSession, type SmuxStream } from '@bosun/protocol/session/smux';
import { InboundBacklog, tickCorkedWriter, turnBatcher } from '@bosun/protocol/session/stream-pump';
import type { SessionIo, SessionOutcome } from '../session-io';
import { dialDestination, type Destination } from './destination';

export interface MuxPortHooks {
  /** A connection was opened (with its socket to the destination) or failed (logging, tests). */
  onConnection?(event: { streamId: number; ok: boolean; error?: string; socket?: net.Socket }): void;
}

export function runMuxPort(destination: Destination, io: SessionIo, signal: AbortSignal, hooks: MuxPortHooks = {}): Promise<SessionOutcome> {
  return new Promise((resolve) => {
    const sockets = new Set<net.Socket>();
    let finished = false;
    const finish = (outcome: SessionOutcome) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', onAbort);
      for (const socket of sockets) socket.destroy();
      mux.close();
      resolve(outcome);
    };
    const onAbort = () => finish({ exitCode: 0, reason: String(signal.reason ?? 'terminated') });

    // Holds the client back while the destination sockets have too much waiting.
    const backlog = new InboundBacklog((held) => io.holdInput(held));

    const mux = new SmuxSession({
      role: 'server',
      send: (bytes) => {
        if (!finished) io.output(bytes);
      },
      sendInPlace: (length, fill) => {
        if (!finished) io.outputInPlace(length, fill);
      },
      messageSize: () => io.maxMessage,
      onStream: (stream) => connect(stream),
      onError: (error) => finish({ exitCode: 1, reason: `the client broke the smux protocol: ${error.message}` }),
      keepAliveIntervalMs: 0,
    });

    const connect = (stream: SmuxStream) => {
      let socket: net.Socket | undefined;
      let held: Uint8Array[] = [];
      let clientEnded = false;
      const toDestination = tickCorkedWriter(() => socket);
      let heldBytes = 0;
      stream.onData = (bytes) => {
        if (!socket) {
          held.push(bytes.slice());
          heldBytes += bytes.length;
          backlog.add(bytes.length);
          return;
        }
        toDestination(bytes);
        backlog.wrote();
      };
      stream.onEnd = () => {
        clientEnded = true;
        socket?.end();
      };
      dialDestination(destination).then(
        (s) => {
          if (finished) {
            s.destroy();
            return;
          }
          socket = s;
          sockets.add(s);
          hooks.onConnection?.({ streamId: stream.id, ok: true, socket: s });
          backlog.watch(s);
          for (const bytes of held) s.write(bytes);
          held = [];
          backlog.add(-heldBytes);
          heldBytes = 0;
          if (clientEnded) s.end();
          const toStream = turnBatcher(stream, () => {
            if (io.backlogged) for (const other of sockets) other.pause();
          });
          const flush = toStream.flush;
          s.on('data', (chunk: Buffer) => toStream.push(chunk));
          s.on('end', () => {
            flush();
            if (stream.writable) stream.end();
          });
          s.on('error', () => {});
          s.on('close', () => {
            flush();
            sockets.delete(s);
            if (stream.writable) stream.end();
          });
          if (io.backlogged) s.pause();
        },
        (error: Error) => {
          held = [];
          backlog.add(-heldBytes);
          heldBytes = 0;
          hooks.onConnection?.({ streamId: stream.id, ok: false, error: error.message });
          if (finished) return;
          io.flag(PayloadTypeFlag.ConnectToPortError);
          if (stream.writable) stream.end();
        },
      );
    };

    io.onDrain(() => {
      for (const socket of sockets) socket.resume();
    });
    io.onInput((bytes) => mux.receive(bytes));
    io.onFlag((flag) => {
      if (flag === PayloadTypeFlag.TerminateSession) finish({ exitCode: 0, reason: 'the client ended the session' });
    });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  });
}
