import type { FastifyReply } from 'fastify';
import { encodeJsonError, encodeJsonOutput } from '@bosun/protocol';
import { serializeQueryError, serializeQueryResponse } from './query-protocol/index';
import type { ServiceRoute } from '../operations/services';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Writes an AWS error the way the caller's protocol expects it. */
export function sendError(
  reply: FastifyReply,
  protocol: 'json' | 'query',
  requestId: string,
  error: { code: string; message: string; statusCode: number; extra?: Record<string, unknown> },
  service: 'iam' | 'sts' = 'iam',
): FastifyReply {
  reply.header('x-amzn-RequestId', requestId).code(error.statusCode);
  if (protocol === 'json') {
    // AWS: JSON 1.1 services also name the error in a header; the SDKs read either.
    reply.header('x-amzn-ErrorType', error.code);
    return reply.type(JSON_CONTENT_TYPE).send(encodeJsonError(error.code, error.message, error.extra));
  }
  const type = error.statusCode >= 500 ? 'Receiver' : 'Sender';
  return reply.type('text/xml').send(serializeQueryError(error.code, error.message, type, requestId, service));
}

export function sendOutput(reply: FastifyReply, route: ServiceRoute, operation: string, requestId: string, output: unknown): FastifyReply {
  reply.header('x-amzn-RequestId', requestId).code(200);
  if (route.protocol === 'json') return reply.type(JSON_CONTENT_TYPE).send(encodeJsonOutput(output ?? {}));
  return reply
    .type('text/xml')
    .send(serializeQueryResponse(route.service as 'iam' | 'sts', operation, (output ?? {}) as object, requestId));
}
