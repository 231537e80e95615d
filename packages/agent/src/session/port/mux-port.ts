/**
 * LocalPortForwarding multiplexed with smux (the plugin's mode for current agents): every smux
 * stream the client opens is one TCP connection from the agent to the destination, any number
 * at once. A connection that cannot be made answers with the ConnectToPortError flag and the
 * stream's FIN (AWS port_mux.go). Keep-alive stays off, as the plugin expects of our version.
 */
import type net from 'node:net';
import { PayloadTypeFlag } from '@bosun/protocol/session/constants';
import { SmuxSession, type SmuxStream } from '@bosun/protocol/session/smux';
import { tickCorkedWriter, turnBatcher } from '@bosun/protocol/session/stream-pump';
import type { SessionIo, SessionOutcome } from '../session-io';
import { dialDestination, type Destination } from './destination';

export interface MuxPortHooks {
  /** A connection was opened or failed (logging). */
  onConnection?(event: { streamId: number; ok: boolean; error?: string }): void;
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
      stream.onData = (bytes) => {
        if (!socket) {
          held.push(bytes.slice());
          return;
        }
        toDestination(bytes);
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
          hooks.onConnection?.({ streamId: stream.id, ok: true });
          for (const bytes of held) s.write(bytes);
          held = [];
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
