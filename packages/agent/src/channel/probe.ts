/**
 * Can this node reach its server? Dials the channel with the pinned CA and waits for the
 * server's challenge, then hangs up without a hello — so a probe never disturbs the running
 * agent's own connection.
 */
import WebSocket from 'ws';
import { parseChannelMessage } from '@bosun/protocol/agent/messages';
import { pinnedTlsOptions } from '../tls/pinned-ca';

export type ProbeResult = { ok: true; serverTime: string } | { ok: false; error: string };

export function probeChannel(url: URL, caPem: string | undefined, timeoutMs = 10_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      ws.terminate();
    };
    const ws = new WebSocket(url, {
      ...(url.protocol === 'wss:' ? pinnedTlsOptions(caPem) : {}),
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false,
    });
    const timer = setTimeout(() => finish({ ok: false, error: `no challenge from the server within ${timeoutMs} ms` }), timeoutMs);
    ws.on('message', (data) => {
      const message = parseChannelMessage(data.toString());
      if (message?.type === 'challenge') finish({ ok: true, serverTime: message.serverTime });
      else finish({ ok: false, error: 'the server did not open with a challenge (not a Bosun agent channel?)' });
    });
    ws.on('error', (error) => finish({ ok: false, error: error.message }));
    ws.on('close', (code, reason) => finish({ ok: false, error: `closed before the challenge (${code} ${reason.toString()})` }));
  });
}
