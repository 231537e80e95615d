/** A JSON POST over http/https trusting only the pinned CA (fetch cannot take a CA per call). */
import http from 'node:http';
import https from 'node:https';
import { pinnedTlsOptions } from '../tls/pinned-ca';

export interface JsonResponse {
  status: number;
  body: unknown;
  text: string;
}

export function postJson(url: URL, payload: unknown, caPem: string | undefined, timeoutMs = 30_000): Promise<JsonResponse> {
  const body = Buffer.from(JSON.stringify(payload));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
        timeout: timeoutMs,
        ...(url.protocol === 'https:' ? pinnedTlsOptions(caPem) : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, text });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url.host} within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
