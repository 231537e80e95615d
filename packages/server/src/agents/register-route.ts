import type { FastifyInstance } from 'fastify';
import { REGISTER_PATH } from '@bosun/protocol/agent/messages';
import type { ServerContext } from '../operations/dispatch';
import { AwsError } from '../operations/errors';
import { registerNode } from './register';
import { isPlainRemote, type TrustProxy } from './transport';

/** `POST /agent/v1/register`: JSON in and out, no SigV4 — the activation code is the credential. */
export function registerRoute(app: FastifyInstance, server: ServerContext, trustProxy?: TrustProxy): void {
  app.post(REGISTER_PATH, async (req, reply) => {
    try {
      if (isPlainRemote(req.raw, trustProxy)) throw new AwsError('AccessDeniedException', 'Registration needs TLS for non-loopback clients.', 403);
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new AwsError('SerializationException', 'The registration body must be JSON.');
      }
      const answer = await registerNode(server.db, body);
      server.logger.info({ instanceId: answer.instanceId, activationId: (body as { activationId: string }).activationId }, 'managed node registered');
      return reply.code(200).type('application/json').send(answer);
    } catch (error) {
      if (!(error instanceof AwsError)) {
        server.logger.error({ err: error, requestId: req.id }, 'registration failed');
        return reply.code(500).type('application/json').send({ __type: 'InternalServerError', message: `An internal error occurred (request id ${req.id})` });
      }
      return reply.code(error.statusCode).type('application/json').send({ __type: error.code, message: error.message });
    }
  });
}
