/**
 * The WebSocket of one session's data channel: same server, TLS and pinned CA as the agent
 * channel, at the `dataChannelPath` the server named; the first message is the agent's text
 * hello `{instanceId, token}`, every later one a binary Session Manager frame.
 */
import WebSocket from 'ws';
import type { AgentDataChannelOpen } from '@bosun/protocol/session/index';
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

export function openDataSocket(options: DataSocketOptions): Promise<WebSocket> {
  const url = dataChannelUrl(options.server, options.path);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(url.protocol === 'wss:' ? pinnedTlsOptions(options.caPem) : {}),
      handshakeTimeout: options.timeoutMs ?? 15_000,
      perMessageDeflate: false,
      maxPayload: 1024 * 1024,
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
