import type { Logger } from 'pino';
import { isModeledOperation, validateInput, ProtocolError } from '@bosun/protocol';
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import type { ServerMetrics } from '../observability/metrics';
import { authorize, globalContext, accessDeniedMessage } from '../iam/policy/index';
import { appendAuditEvent, redact } from '../audit/index';
import { AwsError } from './errors';
import type { OperationRegistry } from './registry';
import { isReadOnlyName, type ServiceRoute } from './services';
import type { Principal, RequestContext } from './types';

/** What every request shares: one per running server. */
export interface ServerContext {
  db: Db;
  secrets: SecretBox;
  registry: OperationRegistry;
  logger: Logger;
  metrics: ServerMetrics;
  auditKey: Buffer;
}

/** One authenticated API call, whatever its wire protocol. */
export interface ApiCall {
  route: ServiceRoute;
  operation: string;
  rawInput: unknown;
  principal: Principal;
  region: string;
  requestId: string;
  sourceIp: string;
  userAgent: string;
  secureTransport: boolean;
  now: Date;
}

/**
 * Look up → validate → authorise → handle → audit. The one place every call passes, so no
 * handler repeats authorisation and none can forget the audit record.
 */
export async function dispatch(server: ServerContext, call: ApiCall): Promise<unknown> {
  const { route, operation, principal } = call;
  const def = server.registry.get(route.service, operation);
  let input: unknown = call.rawInput;
  let output: unknown;
  let failure: { code: string; message: string } | undefined;
  try {
    if (!def && !isModeledOperation(route.service, operation)) {
      // AWS: an X-Amz-Target the service does not know.
      throw new AwsError(route.protocol === 'json' ? 'UnknownOperationException' : 'InvalidAction', route.protocol === 'json' ? '' : `Could not find operation ${operation} for version`);
    }
    if (isModeledOperation(route.service, operation)) {
      input = validateInput(route.service as never, operation, call.rawInput, { protocol: route.protocol });
    }
    if (!def) {
      throw new AwsError(
        'NotImplementedException',
        `${route.targetPrefix ?? route.service}.${operation} is part of the AWS API, but this Bosun server does not implement it yet`,
        501,
      );
    }
    const ctx: RequestContext = {
      requestId: call.requestId,
      service: route.service,
      operation,
      region: call.region,
      accountId: principal.accountId,
      principal,
      sourceIp: call.sourceIp,
      userAgent: call.userAgent,
      now: call.now,
      db: server.db,
      secureTransport: call.secureTransport,
    };
    const wanted = def.authorize ? await def.authorize(input, ctx) : {};
    const action = wanted.action ?? `${route.signingName}:${operation}`;
    const verdict = authorize(principal, {
      action,
      resources: wanted.resources ?? ['*'],
      context: { ...globalContext({ principal, sourceIp: call.sourceIp, now: call.now, secureTransport: call.secureTransport, region: call.region, userAgent: call.userAgent }), ...wanted.context },
    });
    if (!verdict.allowed) {
      // AWS: JSON services answer 400 AccessDeniedException, Query services 403 AccessDenied.
      throw new AwsError(
        route.protocol === 'json' ? 'AccessDeniedException' : 'AccessDenied',
        accessDeniedMessage(principal.arn, action, verdict.resource, verdict.decision),
        route.protocol === 'json' ? 400 : 403,
      );
    }
    output = await def.handle(input, ctx);
    return output;
  } catch (error) {
    if (error instanceof AwsError || error instanceof ProtocolError) failure = { code: error.code, message: error.message };
    else failure = { code: 'InternalServerError', message: 'An internal error occurred' };
    throw error;
  } finally {
    await recordCall(server, call, def?.sensitiveInput ?? [], def?.readOnly, input, output, failure);
  }
}

async function recordCall(
  server: ServerContext,
  call: ApiCall,
  sensitive: string[],
  readOnlyFlag: boolean | undefined,
  input: unknown,
  output: unknown,
  failure: { code: string; message: string } | undefined,
): Promise<void> {
  const readOnly = readOnlyFlag ?? isReadOnlyName(call.operation);
  try {
    await appendAuditEvent(server.db, server.auditKey, {
      eventTime: call.now,
      accountId: call.principal.accountId,
      region: call.region,
      principal: call.principal,
      sourceIp: call.sourceIp,
      userAgent: call.userAgent,
      eventSource: call.route.eventSource,
      eventName: call.operation,
      readOnly,
      requestParameters: redact(input, sensitive),
      responseElements: readOnly || failure ? undefined : redact(output, []),
      errorCode: failure?.code,
      errorMessage: failure?.message,
      requestId: call.requestId,
    });
  } catch (error) {
    // The call's own answer is not changed by an audit failure, but the failure is loud.
    server.logger.error({ err: error, requestId: call.requestId }, 'could not write the audit record');
  }
}
