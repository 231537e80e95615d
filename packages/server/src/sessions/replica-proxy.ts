/**
 * A data-channel WebSocket that reached a replica other than the one relaying its session
 * (PostgreSQL, several replicas behind a load balancer) is passed on, message by message, to
 * the relaying replica's same path. Nothing is read on the way: the token in the first frame is
 * checked there, and the frames stay end to end.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { type RawData, type WebSocketServer } from 'ws';

/** Close codes a peer may send (1005, 1006 and 1015 are only ever reported, never sent). */
const sendable = (code: number): number => (code === 1000 || (code >= 1001 && code <= 1014 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999) ? code : 1011);

export function proxyUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, relayUrl: string, onError: (err: Error) => void): void {
  const target = `${relayUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}${req.url ?? '/'}`;
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].flat().filter(Boolean).join(', ');
  const upstream = new WebSocket(target, { perMessageDeflate: false, maxPayload: 4 * 1024 * 1024, headers: { 'x-forwarded-for': forwardedFor } });
  const early: Array<[RawData, boolean]> = [];
  let downstream: WebSocket | undefined;
  let done = false;
  const finish = (code: number, reason: string) => {
    if (done) return;
    done = true;
    const c = sendable(code);
    if (downstream && downstream.readyState === downstream.OPEN) downstream.close(c, reason);
    else downstream?.terminate();
    if (upstream.readyState === upstream.OPEN) upstream.close(c, reason);
    else upstream.terminate();
  };
  upstream.on('error', (err) => {
    onError(err);
    // The relaying replica cannot be reached: the end sees the channel fail, as if the relay were down.
    finish(1011, 'the replica relaying this session cannot be reached');
  });
  upstream.on('open', () => {
    for (const [data, binary] of early.splice(0)) upstream.send(data, { binary });
  });
  upstream.on('message', (data, binary) => {
    if (downstream && downstream.readyState === downstream.OPEN) downstream.send(data, { binary });
  });
  upstream.on('close', (code, reason) => finish(code, reason.toString()));
  wss.handleUpgrade(req, socket, head, (ws) => {
    downstream = ws;
    if (done) return void ws.close(1011, 'the replica relaying this session cannot be reached');
    ws.on('error', () => undefined);
    ws.on('message', (data, binary) => {
      if (upstream.readyState === upstream.OPEN) upstream.send(data, { binary });
      else if (upstream.readyState === upstream.CONNECTING) early.push([data, binary]);
    });
    ws.on('close', (code, reason) => finish(code, reason.toString()));
  });
}
