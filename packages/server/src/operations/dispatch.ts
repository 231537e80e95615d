import type { Logger } from 'pino';
import { contracts, validateInput, ProtocolError } from '@bosun/protocol';
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import type { ServerMetrics } from '../observability/metrics';
import { authorize, globalContext, accessDeniedMessage } from '../iam/policy/index';
import { resourcesFromArns } from '../audit/index';
import type { AuditWriter } from '../audit/writer';
import { AwsError } from './errors';
import type { OperationRegistry } from './registry';
import type { CredentialCache } from '../http/credential-cache';
import type { KeyLastUsed } from '../http/key-last-used';
import { isReadOnlyName, type ServiceRoute } from './services';
import type { Authorization, Principal, RequestContext } from './types';

/** What every request shares: one per running server. */
export interface ServerContext {
  db: Db;
  secrets: SecretBox;
  registry: OperationRegistry;
  logger: Logger;
  metrics: ServerMetrics;
  auditKey: Buffer;
  /** Appends audit records in group commits; each call waits for its own record. */
  audit: AuditWriter;
  /** Resolved access keys, kept briefly; IAM/STS writes clear it. */
  credentials: CredentialCache;
  keyLastUsed: KeyLastUsed;
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
  /** The Host header, when it is a plain host[:port]. */
  requestHost?: string;
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
  const touched: string[] = [];
  try {
    if (route.service in contracts) {
      // Unknown operations are refused here too (UnknownOperationException / InvalidAction).
      input = validateInput(route.service as keyof typeof contracts, operation, call.rawInput, { protocol: route.protocol });
    } else if (!def) {
      throw new AwsError('UnknownOperationException', '');
    }
    if (!def) {
      throw new AwsError(
        'NotImplementedException',
        `${route.targetPrefix ?? route.service}.${operation} is part of the AWS API, but this Bosun server does not implement it yet`,
        501,
      );
    }
    const ctx = new CallContext(server, call, `${route.signingName}:${operation}`, touched);
    const wanted = def.authorize ? await def.authorize(input, ctx) : {};
    for (const r of wanted.resources ?? []) touched.push(typeof r === 'string' ? r : r.arn);
    if (!def.alwaysAllowed) enforce(call, `${route.signingName}:${operation}`, wanted);
    output = await def.handle(input, ctx);
    // A changed user, key, policy or role must not keep its old cached meaning.
    if ((route.service === 'iam' || route.service === 'sts') && !(def.readOnly ?? isReadOnlyName(operation))) server.credentials.clear();
    return output;
  } catch (error) {
    if (error instanceof AwsError || error instanceof ProtocolError) failure = { code: error.code, message: error.message };
    else failure = { code: 'InternalServerError', message: 'An internal error occurred' };
    throw error;
  } finally {
    await recordCall(server, call, { sensitive: def?.sensitiveInput ?? [], readOnly: def?.readOnly, input, output, failure, resources: touched });
  }
}

/**
 * What a handler sees of its call. A class, so that the per-call checkAccess is a method and not
 * a closure made (and, under tsx's keepNames, named with a defineProperty) on every call.
 */
class CallContext implements RequestContext {
  readonly requestId: string;
  readonly service: ServiceRoute['service'];
  readonly operation: string;
  readonly region: string;
  readonly accountId: string;
  readonly principal: Principal;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly now: Date;
  readonly db: ServerContext['db'];
  readonly secureTransport: boolean;
  readonly requestHost: string | undefined;

  constructor(
    server: ServerContext,
    private readonly call: ApiCall,
    private readonly defaultAction: string,
    private readonly touched: string[],
  ) {
    this.requestId = call.requestId;
    this.service = call.route.service;
    this.operation = call.operation;
    this.region = call.region;
    this.accountId = call.principal.accountId;
    this.principal = call.principal;
    this.sourceIp = call.sourceIp;
    this.userAgent = call.userAgent;
    this.now = call.now;
    this.db = server.db;
    this.secureTransport = call.secureTransport;
    this.requestHost = call.requestHost;
  }

  async checkAccess(request: Authorization): Promise<void> {
    for (const r of request.resources ?? []) this.touched.push(typeof r === 'string' ? r : r.arn);
    enforce(this.call, this.defaultAction, request);
  }
}

/** Evaluates the caller's policies for one request; throws AWS's AccessDenied error when refused. */
function enforce(call: ApiCall, defaultAction: string, wanted: Authorization): void {
  const { principal, route } = call;
  const action = wanted.action ?? defaultAction;
  const facts = { principal, sourceIp: call.sourceIp, now: call.now, secureTransport: call.secureTransport, region: call.region, userAgent: call.userAgent };
  const verdict = authorize(principal, { action, resources: wanted.resources ?? ['*'], context: { ...globalContext(facts), ...wanted.context } });
  if (verdict.allowed) return;
  // AWS: JSON services answer 400 AccessDeniedException, Query services 403 AccessDenied.
  throw new AwsError(
    route.protocol === 'json' ? 'AccessDeniedException' : 'AccessDenied',
    accessDeniedMessage(principal.arn, action, verdict.resource, verdict.decision),
    route.protocol === 'json' ? 400 : 403,
  );
}

/** Writes the call's audit record; every authenticated call has one, allowed or refused. */
export async function recordCall(
  server: ServerContext,
  call: ApiCall,
  what: {
    sensitive: string[];
    readOnly?: boolean;
    input: unknown;
    output?: unknown;
    failure?: { code: string; message: string };
    resources?: string[];
  },
): Promise<void> {
  const readOnly = what.readOnly ?? isReadOnlyName(call.operation);
  try {
    await server.audit.record({
      eventTime: call.now,
      accountId: call.principal.accountId,
      region: call.region,
      principal: call.principal,
      sourceIp: call.sourceIp,
      userAgent: call.userAgent,
      eventSource: call.route.eventSource,
      eventName: call.operation,
      readOnly,
      requestParameters: what.input,
      sensitiveRequestPaths: what.sensitive,
      responseElements: readOnly || what.failure ? undefined : what.output,
      errorCode: what.failure?.code,
      errorMessage: what.failure?.message,
      requestId: call.requestId,
      resources: resourcesFromArns((what.resources ?? []).filter((arn) => arn !== '*')),
    });
  } catch (error) {
    // The call's own answer stands, but a missing audit record is loud in the log.
    server.logger.error({ err: error, requestId: call.requestId }, 'could not write the audit record');
  }
}
