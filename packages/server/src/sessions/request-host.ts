/**
 * The Host header of the API call being handled. AWS: StreamUrl names the host the client
 * called, so a client that reached the server as bosun.example.com:7070 dials the data
 * channel there too. Handlers only see their RequestContext, so the header travels in
 * AsyncLocalStorage from an onRequest hook.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

const storage = new AsyncLocalStorage<{ host?: string }>();

export function trackRequestHost(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const host = typeof req.headers.host === 'string' && /^[A-Za-z0-9.\-:[\]]+$/.test(req.headers.host) ? req.headers.host : undefined;
    storage.run({ host }, done);
  });
}

export const currentRequestHost = (): string | undefined => storage.getStore()?.host;
