import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { ServerContext } from '../operations/dispatch';
import { apiHandler } from './api-route';
import { sendError } from './respond';
import { leanEligible, serveLean } from './lean-door';
import { attachAgents } from '../agents/index';
import { serveBlobs } from '../blobs/index';

export interface AppOptions {
  trustProxy?: boolean | string;
  tls?: { certFile: string; keyFile: string };
  /** Largest request body accepted; AWS's own limits are far below this. */
  bodyLimit?: number;
}

export const VERSION = '0.1.0';

/** The HTTP surface: the AWS front door at `POST /`, plus `/health` and `/metrics`. */
export function buildApp(server: ServerContext, options: AppOptions = {}): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? 4 * 1024 * 1024;
  const httpsOptions = options.tls ? { cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) } : undefined;
  // Once fastify starts closing it answers new requests 503; the lean door hands them to it.
  let closing = false;
  // JSON 1.1 calls take the lean door (lean-door.ts) unless a proxy is trusted: then the
  // caller's address and scheme come from fastify's forwarded-header handling.
  const lean = !options.trustProxy;
  const app = Fastify({
    loggerInstance: server.logger,
    // The API layer logs each call itself (without bodies); fastify's own request lines are off.
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request: making one (bindings redacted and serialised) was ~3% of a
    // GetParameter, and nothing logs through req.log — calls log with their request id.
    childLoggerFactory: (logger) => logger,
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
    ...(httpsOptions ? { https: httpsOptions } : {}),
    // fastify's own server, with the lean door in front of its handler.
    serverFactory: (handler, fastifyOptions) => {
      const opts = fastifyOptions as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number };
      const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
        if (lean && !closing && leanEligible(req, bodyLimit)) serveLean(server, req, res);
        else handler(req, res);
      };
      const s = httpsOptions ? https.createServer(httpsOptions, listener) : http.createServer(listener);
      // As fastify sets up the server it makes itself.
      s.keepAliveTimeout = opts.keepAliveTimeout ?? 72_000;
      s.requestTimeout = opts.requestTimeout ?? 0;
      s.setTimeout(opts.connectionTimeout ?? 0);
      if ((opts.maxRequestsPerSocket ?? 0) > 0) s.maxRequestsPerSocket = opts.maxRequestsPerSocket ?? null;
      return s;
    },
  }) as unknown as FastifyInstance;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  // SigV4 signs the exact bytes, so every body stays raw until the protocol layer reads it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post('/', apiHandler(server));
  // Agents: POST /agent/v1/register and the /agent/v1/channel WebSocket upgrade.
  attachAgents(app, server, { trustProxy: options.trustProxy });
  // Signed, expiring links to full command output (StandardOutputUrl / StandardErrorUrl).
  serveBlobs(app, server.db);
  app.get('/health', async () => ({ status: 'ok', version: VERSION }));
  app.get('/metrics', async (_req, reply) => {
    reply.type(server.metrics.registry.contentType);
    return server.metrics.registry.metrics();
  });

  app.setNotFoundHandler((req, reply) => {
    sendError(reply, 'json', String(req.id), {
      code: 'UnknownOperationException',
      message: `No route for ${req.method} ${req.url.split('?')[0]}; AWS API calls are POST /`,
      statusCode: 404,
    });
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) server.logger.error({ err: error, requestId: req.id }, 'request failed before dispatch');
    const protocol = req.headers['x-amz-target'] ? 'json' : 'query';
    // Too large, malformed framing and the like: the client's fault, answered as AWS would.
    sendError(reply, protocol, String(req.id), {
      code: status === 413 ? 'RequestEntityTooLarge' : status < 500 ? 'SerializationException' : 'InternalServerError',
      message: status < 500 ? error.message : `An internal error occurred (request id ${req.id})`,
      statusCode: status,
    });
  });
  return app;
}
