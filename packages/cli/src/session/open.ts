/**
 * StartSession, then the client end of the data channel on its StreamUrl: the shared
 * ClientSession (packages/protocol) over a `ws` WebSocket that trusts the configured CA.
 */
import WebSocket from 'ws';
import { StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { ClientSession, type ClientSessionOptions } from '@bosun/protocol/session/index';
import type { Connection } from '../connection';

export interface StartInput {
  target: string;
  documentName?: string;
  parameters?: Record<string, string[]>;
  reason?: string;
}

export interface OpenSession {
  sessionId: string;
  session: ClientSession;
  /** Why the WebSocket failed, when it did (TLS, refused, HTTP status). */
  socketError(): string | undefined;
  /** TerminateSession through the API; errors are ignored (the session may be gone already). */
  terminate(): Promise<void>;
}

export type SessionHandlers = Omit<ClientSessionOptions, 'socket' | 'tokenValue'>;

export async function startSession(connection: Connection, input: StartInput, handlers: SessionHandlers): Promise<OpenSession> {
  const started = await connection.ssm.send(new StartSessionCommand({
    Target: input.target,
    DocumentName: input.documentName,
    Parameters: input.parameters && Object.keys(input.parameters).length ? input.parameters : undefined,
    Reason: input.reason,
  }));
  const sessionId = started.SessionId!;
  const session = openDataChannel(connection, started.StreamUrl!, started.TokenValue!, handlers);
  return {
    sessionId,
    session: session.session,
    socketError: session.socketError,
    terminate: async () => {
      await connection.ssm.send(new TerminateSessionCommand({ SessionId: sessionId })).catch(() => undefined);
    },
  };
}

export function openDataChannel(connection: Connection, streamUrl: string, tokenValue: string, handlers: SessionHandlers) {
  // perMessageDeflate off: frames are small and latency matters more than bytes on the wire.
  const url = new URL(streamUrl);
  // RFC 6455 masking keeps a browser's script from making bytes an HTTP intermediary would
  // misread; inside TLS or on loopback none reads them, so a zero key spares the JavaScript XOR
  // of every byte (ws has no bufferutil here) on both ends.
  const unmasked = url.protocol === 'wss:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const socket = new WebSocket(streamUrl, {
    ...(connection.ca ? { ca: connection.ca } : {}),
    perMessageDeflate: false,
    ...(unmasked ? { generateMask: (mask: Uint8Array) => mask.fill(0) } : {}),
  });
  let error: string | undefined;
  // ws throws an 'error' without a listener; the close that follows ends the session.
  socket.on('error', (err) => (error ??= err.message));
  socket.on('unexpected-response', (_req, res) => {
    error ??= `the data channel answered HTTP ${res.statusCode}`;
    socket.terminate();
  });
  // Writes are held to the end of the tick: the acknowledgements of every frame one read brought
  // (and smux data written meanwhile) go out in one write call instead of one each.
  const send = socket.send.bind(socket) as (data: string | Uint8Array) => void;
  let corked = false;
  const raw = () => (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  (socket as unknown as { send(data: string | Uint8Array): void }).send = (data) => {
    const s = raw();
    if (!corked && s) {
      corked = true;
      s.cork();
      process.nextTick(() => {
        corked = false;
        s.uncork();
      });
    }
    send(data);
  };
  // Inside TLS or on loopback the transport already guarantees the bytes arrive as sent, so
  // incoming payload digests are not recomputed (we still send them: the agent and plugin check).
  const session = new ClientSession({ ...handlers, socket: socket as never, tokenValue, verifyDigest: !unmasked });
  return { session, socketError: () => error };
}
