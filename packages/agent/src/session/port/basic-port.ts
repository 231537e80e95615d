/**
 * The plugin's non-multiplexed port modes: ONE TCP connection carried as raw Output payloads.
 * AWS-StartSSHSession (no `type`): the session ends when the connection does. LocalPortForwarding
 * with an old client: the client says DisconnectToPort when its local connection closes, and the
 * agent dials again when the next data arrives (AWS port_basic.go).
 */
import type net from 'node:net';
import { PayloadTypeFlag } from '@bosun/protocol/session/constants';
import type { SessionIo, SessionOutcome } from '../session-io';
import { dialDestination, type Destination } from './destination';

export function runBasicPort(destination: Destination, reconnects: boolean, io: SessionIo, signal: AbortSignal): Promise<SessionOutcome> {
  return new Promise((resolve) => {
    let socket: net.Socket | undefined;
    let dialing: Promise<net.Socket> | undefined;
    let finished = false;
    const finish = (outcome: SessionOutcome) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve(outcome);
    };
    const onAbort = () => finish({ exitCode: 0, reason: String(signal.reason ?? 'terminated') });
    signal.addEventListener('abort', onAbort, { once: true });

    const connect = (): Promise<net.Socket> => {
      dialing ??= dialDestination(destination).then(
        (s) => {
          if (finished) {
            s.destroy();
            return s;
          }
          socket = s;
          s.on('data', (chunk: Buffer) => {
            io.output(chunk);
            if (io.backlogged) s.pause();
          });
          s.on('error', () => {});
          s.on('close', () => {
            if (socket !== s) return;
            socket = undefined;
            dialing = undefined;
            // AWS: an SSH session ends with its connection; a forwarded port waits for the next data
            if (!reconnects) finish({ exitCode: 0 });
          });
          return s;
        },
        (error: Error) => {
          dialing = undefined;
          finish({ exitCode: 1, reason: `Unable to connect to specified port: ${error.message}` });
          throw error;
        },
      );
      return dialing;
    };
    io.onDrain(() => socket?.resume());
    // input is written in arrival order: later chunks queue behind a reconnect
    let queue: Promise<unknown> = Promise.resolve();
    io.onInput((bytes) => {
      const copy = Uint8Array.from(bytes);
      queue = queue.then(async () => {
        if (finished) return;
        const s = socket ?? (await connect().catch(() => undefined));
        s?.write(copy);
      });
    });
    io.onFlag((flag) => {
      if (flag === PayloadTypeFlag.TerminateSession) finish({ exitCode: 0, reason: 'the client ended the session' });
      else if (flag === PayloadTypeFlag.DisconnectToPort) {
        const s = socket;
        socket = undefined;
        dialing = undefined;
        s?.destroy();
      }
    });
    connect().catch(() => {});
  });
}
