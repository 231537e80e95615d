import type { FastifyReply } from 'fastify';
import { encodeJsonError, encodeJsonOutput } from '@bosun/protocol';
import { serializeQueryError, serializeQueryResponse } from './query-protocol/index';
import type { ServiceRoute } from '../operations/services';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** One API answer, written by fastify's reply or straight to node's response (lean-door.ts). */
export interface Answer {
  statusCode: number;
  /** x-amzn-RequestId, and x-amzn-ErrorType for JSON errors. */
  requestId: string;
  errorType?: string;
  contentType: 'json' | 'xml';
  body: string;
}

/** An AWS error the way the caller's protocol expects it. */
export function errorAnswer(
  protocol: 'json' | 'query',
  requestId: string,
  error: { code: string; message: string; statusCode: number; extra?: Record<string, unknown> },
  service: 'iam' | 'sts' = 'iam',
): Answer {
  if (protocol === 'json') {
    // AWS: JSON 1.1 services also name the error in a header; the SDKs read either.
    return { statusCode: error.statusCode, requestId, errorType: error.code, contentType: 'json', body: encodeJsonError(error.code, error.message, error.extra) };
  }
  const type = error.statusCode >= 500 ? 'Receiver' : 'Sender';
  return { statusCode: error.statusCode, requestId, contentType: 'xml', body: serializeQueryError(error.code, error.message, type, requestId, service) };
}

export function outputAnswer(route: ServiceRoute, operation: string, requestId: string, output: unknown): Answer {
  if (route.protocol === 'json') return { statusCode: 200, requestId, contentType: 'json', body: encodeJsonOutput(output ?? {}) };
  return { statusCode: 200, requestId, contentType: 'xml', body: serializeQueryResponse(route.service as 'iam' | 'sts', operation, (output ?? {}) as object, requestId) };
}

/** Writes an answer through fastify's reply. */
export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  reply.header('x-amzn-RequestId', answer.requestId).code(answer.statusCode);
  if (answer.errorType !== undefined) reply.header('x-amzn-ErrorType', answer.errorType);
  return reply.type(answer.contentType === 'json' ? JSON_CONTENT_TYPE : 'text/xml').send(answer.body);
}

/** Writes an AWS error the way the caller's protocol expects it. */
export function sendError(
  reply: FastifyReply,
  protocol: 'json' | 'query',
  requestId: string,
  error: { code: string; message: string; statusCode: number; extra?: Record<string, unknown> },
  service: 'iam' | 'sts' = 'iam',
): FastifyReply {
  return sendAnswer(reply, errorAnswer(protocol, requestId, error, service));
}

export function sendOutput(reply: FastifyReply, route: ServiceRoute, operation: string, requestId: string, output: unknown): FastifyReply {
  return sendAnswer(reply, outputAnswer(route, operation, requestId, output));
}
