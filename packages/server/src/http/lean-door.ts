import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../operations/dispatch';
import { serveApiCall } from './api-route';
import { errorAnswer, JSON_CONTENT_TYPE, type Answer } from './respond';

/**
 * The JSON 1.1 front door without fastify: `POST /` with an X-Amz-Target header and a
 * Content-Length within the body limit is read and answered on node's own request and response.
 * Fastify's routing, content-type parsing and reply machinery were about a tenth of a
 * GetParameter's serving-thread time, for a route that has no hooks and one content type.
 * Everything else (Query calls, chunked or oversized bodies, other paths, WebSocket upgrades,
 * a closing server) still goes to fastify, and both doors answer through serveApiCall, so the
 * signature check, dispatch, audit, metrics and the answer's bytes are the same.
 */
export function leanEligible(req: IncomingMessage, bodyLimit: number): boolean {
  if (req.method !== 'POST' || req.url !== '/' || req.headers['x-amz-target'] === undefined) return false;
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  if (length === undefined) return false;
  const n = Number(length);
  return Number.isInteger(n) && n >= 0 && n <= bodyLimit;
}

export function serveLean(server: ServerContext, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('error', () => res.destroy());
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const requestId = crypto.randomUUID();
    serveApiCall(server, {
      requestId,
      method: 'POST',
      url: '/',
      headers: req.headers,
      body,
      ip: req.socket.remoteAddress ?? '',
      https: (req.socket as { encrypted?: boolean }).encrypted === true,
    }).then(
      (answer) => write(res, answer),
      (error) => {
        // serveApiCall answers its own failures; this is a bug, answered as fastify's error handler would.
        server.logger.error({ err: error, requestId }, 'request failed before dispatch');
        write(res, errorAnswer('json', requestId, { code: 'InternalServerError', message: `An internal error occurred (request id ${requestId})`, statusCode: 500 }));
      },
    );
  });
}

function write(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  // The same headers, in the same order, as fastify's reply writes for these answers.
  const headers: Record<string, string | number> = { 'x-amzn-requestid': answer.requestId };
  if (answer.errorType !== undefined) headers['x-amzn-errortype'] = answer.errorType;
  headers['content-type'] = answer.contentType === 'json' ? `${JSON_CONTENT_TYPE}; charset=utf-8` : 'text/xml';
  headers['content-length'] = Buffer.byteLength(answer.body);
  res.writeHead(answer.statusCode, headers);
  res.end(answer.body);
}
