/**
 * The WebSocket of one session's data channel: same server, TLS and pinned CA as the agent
 * channel, at the `dataChannelPath` the server named; the first message is the agent's text
 * hello `{instanceId, token}`, every later one a binary Session Manager frame.
 */
import WebSocket from 'ws';
import type { AgentDataChannelOpen } from '@bosun/protocol/session/index';
import { trace } from '@bosun/protocol/session/trace';
import { pinnedTlsOptions } from '../tls/pinned-ca';

export interface DataSocketOptions {
  /** The server's base URL (https:// or http:// on loopback), as registered. */
  server: URL;
  caPem?: string;
  path: string;
  hello: AgentDataChannelOpen;
  timeoutMs?: number;
}

export function dataChannelUrl(server: URL, path: string): URL {
  const url = new URL(path, server);
  url.protocol = server.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

/**
 * WebSocket clients mask every frame (RFC 6455 5.3) so that script in a browser cannot make
 * bytes an HTTP intermediary would misread. `ws` masks in JavaScript (no bufferutil here): a
 * tenth of the agent's CPU when forwarding ports. Inside TLS or on loopback no intermediary
 * reads the bytes, so the key is all zeros there: still a masked frame, and both ends skip
 * the XOR.
 */
export function unmaskedIsSafe(url: URL): boolean {
  return url.protocol === 'wss:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

export function zeroMask(mask: Uint8Array): void {
  mask.fill(0);
}

/**
 * Sends a frame, holding the socket's writes until the current tick ends: the acknowledgements
 * of every frame one read brought go out in one write call, after the input they acknowledge was
 * handed on (a keystroke reaches the terminal before its acknowledgement is written).
 */
export function corkedSender(ws: WebSocket): (frame: Uint8Array) => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    (ws as unknown as { _socket?: { uncork(): void } })._socket?.uncork();
    trace?.('agent uncorked');
  };
  return (frame) => {
    if (ws.readyState !== ws.OPEN) return;
    if (!corked) {
      const socket = (ws as unknown as { _socket?: { cork(): void } })._socket;
      if (socket) {
        socket.cork();
        corked = true;
        process.nextTick(uncork);
      }
    }
    ws.send(frame);
    trace?.(`agent send ${String.fromCharCode(frame[4])} ${frame.length}`);
  };
}

export function openDataSocket(options: DataSocketOptions): Promise<WebSocket> {
  const url = dataChannelUrl(options.server, options.path);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(url.protocol === 'wss:' ? pinnedTlsOptions(options.caPem) : {}),
      handshakeTimeout: options.timeoutMs ?? 15_000,
      perMessageDeflate: false,
      maxPayload: 1024 * 1024,
      ...(unmaskedIsSafe(url) ? { generateMask: zeroMask } : {}),
    });
    ws.binaryType = 'nodebuffer';
    const fail = (error: Error) => reject(new Error(`cannot open the session data channel ${url.href}: ${error.message}`));
    ws.once('error', fail);
    ws.once('unexpected-response', (_req, res) => {
      fail(new Error(`HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('open', () => {
      ws.removeListener('error', fail);
      ws.send(JSON.stringify(options.hello));
      resolve(ws);
    });
  });
}
