import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProtocolError } from '@bosun/protocol';
import { verifySigV4, SigV4Error, sigV4ErrorResponse, wrongServiceError } from './sigv4/index';
import type { CredentialSource, VerifiedSignature, VerifyOptions } from './sigv4/index';
import type { CachedLookup } from './credential-cache';
import { parseQueryRequest } from './query-protocol/index';
import { resolveAccessKey, type ResolvedCredentials } from '../iam/credentials';
import { AwsError } from '../operations/errors';
import { dispatch, recordCall, type ServerContext } from '../operations/dispatch';
import { routeForSigningName, routeForTarget, type ServiceRoute } from '../operations/services';
import type { Principal } from '../operations/types';
import { errorAnswer, outputAnswer, sendAnswer, type Answer } from './respond';

/** What the front door needs of one `POST /`, from fastify's request or node's (lean-door.ts). */
export interface ApiRequest {
  requestId: string;
  method: string;
  /** The request target as sent: path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The caller's address (after trustProxy, where that applies). */
  ip: string;
  https: boolean;
}

/** `POST /`: the one front door for every AWS-protocol call. */
export function apiHandler(server: ServerContext) {
  return async function handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const answer = await serveApiCall(server, {
      requestId: String(req.id),
      method: req.method,
      url: req.raw.url ?? '/',
      headers: req.headers,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      ip: req.ip,
      https: req.protocol === 'https',
    });
    return sendAnswer(reply, answer);
  };
}

/** Verifies, dispatches and answers one AWS-protocol call; never throws. */
export async function serveApiCall(server: ServerContext, req: ApiRequest): Promise<Answer> {
  const started = process.hrtime.bigint();
  const requestId = req.requestId;
  const now = new Date();
  const target = headerValue(req.headers, 'x-amz-target');
  const protocol: 'json' | 'query' = target ? 'json' : 'query';
  const body = req.body;
  let route: ServiceRoute | undefined;
  // Query services name the operation in the form body; known early so a refusal can be audited.
  let operation = target ?? (new URLSearchParams(body.toString('utf8')).get('Action') ?? 'unknown');
  let principal: Principal | undefined;
  let dispatched = false;
  try {
    const url = req.url;
    const q = url.indexOf('?');
    const verifying: KeyLookupOptions = { now, lookup: serverKeys, server, found: undefined };
    let auth: VerifiedSignature;
    try {
      auth = await verifySigV4(
        { method: req.method, path: q >= 0 ? url.slice(0, q) : url, query: q >= 0 ? url.slice(q + 1) : '', headers: req.headers, body },
        verifying,
      );
    } finally {
      // Known as soon as the key is found, so a refusal after that (bad signature…) has an owner.
      principal = verifying.found?.principal;
    }
    if (!principal) throw new Error('signature verified without a principal');
    server.keyLastUsed.note(auth.accessKeyId, auth.service, auth.region, now);
    let rawInput: unknown;
    if (target) {
      const found = routeForTarget(target);
      if (!found) throw new AwsError('UnknownOperationException', '');
      route = found.route;
      operation = found.operation;
      // AWS: a signature scoped to another service is a bad signature.
      if (auth.service !== route.signingName) {
        throw wrongServiceError(route.signingName);
      }
      rawInput = parseJsonBody(body);
    } else {
      route = routeForSigningName(auth.service);
      if (!route) throw new AwsError('InvalidClientTokenId', `Bosun does not serve the '${auth.service}' service on this endpoint`, 403);
      const parsed = parseQueryRequest(route.service as 'iam' | 'sts', body.toString('utf8'));
      operation = parsed.action;
      rawInput = parsed.input;
    }
    dispatched = true;
    const output = await dispatch(server, {
      route,
      operation,
      rawInput,
      principal,
      region: auth.region,
      requestId,
      sourceIp: req.ip,
      userAgent: headerValue(req.headers, 'user-agent') ?? '',
      secureTransport: req.https,
      now,
      requestHost: plainHost(headerValue(req.headers, 'host')),
    });
    observe(server, route, operation, 'ok', started);
    return outputAnswer(route, operation, requestId, output);
  } catch (error) {
    const answer = toErrorAnswer(error, protocol, server, requestId);
    // Refused before dispatch (bad signature, wrong scope, unknown target…) but by a known key:
    // the key's owner sees the attempt in their audit log. Unknown keys belong to no account.
    if (!dispatched && principal) {
      await recordRefusal(server, req, { principal, route, operation, target, requestId, now, failure: answer });
    }
    observe(server, route, operation, answer.code, started);
    return errorAnswer(protocol, requestId, answer, route?.service === 'sts' ? 'sts' : 'iam');
  }
}

interface KeyLookupOptions extends VerifyOptions<ResolvedCredentials> {
  server: ServerContext;
}

/**
 * verifySigV4's key lookup, one object for every request (a closure per request costs more than it
 * looks: tsx names each one with Object.defineProperty). A fresh cache entry answers synchronously;
 * a miss resolves the key against the database and caches the answer.
 */
const serverKeys: CredentialSource<ResolvedCredentials, KeyLookupOptions> = {
  find(accessKeyId, { server, now }) {
    const cached = server.credentials.peek(accessKeyId);
    return cached ? usableKey(cached.value) : resolveKey(server, accessKeyId, now);
  },
};

async function resolveKey(server: ServerContext, accessKeyId: string, now: Date): Promise<ResolvedCredentials | undefined> {
  return usableKey(await server.credentials.get(accessKeyId, () => resolveAccessKey(server.db, server.secrets, accessKeyId, now)));
}

/** A deactivated key signs nothing: refused as an unknown key. */
const usableKey = (found: CachedLookup): ResolvedCredentials | undefined => (found && !('inactive' in found) ? found : undefined);

async function recordRefusal(
  server: ServerContext,
  req: ApiRequest,
  r: { principal: Principal; route?: ServiceRoute; operation: string; target?: string; requestId: string; now: Date; failure: { code: string; message: string } },
): Promise<void> {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(headerValue(req.headers, 'authorization') ?? '');
  const route = r.route ?? (r.target ? routeForTarget(r.target)?.route : scope ? routeForSigningName(scope[2]) : undefined);
  if (!route) return;
  const operation = r.target ? (routeForTarget(r.target)?.operation ?? r.operation) : r.operation;
  await recordCall(
    server,
    {
      route,
      operation,
      rawInput: undefined,
      principal: r.principal,
      region: scope?.[1] ?? 'us-east-1',
      requestId: r.requestId,
      sourceIp: req.ip,
      userAgent: headerValue(req.headers, 'user-agent') ?? '',
      secureTransport: req.https,
      now: r.now,
    },
    { sensitive: [], input: {}, failure: r.failure },
  );
}

function toErrorAnswer(error: unknown, protocol: 'json' | 'query', server: ServerContext, requestId: string) {
  if (error instanceof SigV4Error) return sigV4ErrorResponse(error, protocol);
  if (error instanceof AwsError) return { code: error.code, message: error.message, statusCode: error.statusCode, extra: error.extra };
  if (error instanceof ProtocolError) return { code: error.code, message: error.message, statusCode: error.statusCode };
  server.logger.error({ err: error, requestId }, 'unhandled error while serving an API call');
  // AWS: SSM names its 500 InternalServerError; Query services say InternalFailure.
  return {
    code: protocol === 'json' ? 'InternalServerError' : 'InternalFailure',
    message: `An internal error occurred (request id ${requestId})`,
    statusCode: 500,
  };
}

function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    // AWS: a body that is not JSON is a serialization error, not a validation error.
    throw new AwsError('SerializationException', 'Unable to parse the request body as JSON');
  }
}

function observe(server: ServerContext, route: ServiceRoute | undefined, operation: string, outcome: string, started: bigint): void {
  const service = route?.service ?? 'unknown';
  const op = route ? operation : 'unknown';
  server.metrics.observeCall(service, op, outcome, Number(process.hrtime.bigint() - started) / 1e9);
}

/** The Host header when it is a plain host[:port]; anything else is not echoed back to clients. */
function plainHost(host: string | undefined): string | undefined {
  return host !== undefined && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : undefined;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
