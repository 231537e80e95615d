import type { Db } from '../db/index';

/** The services served on the one front door, by their IAM action prefix. */
export type ServiceName = 'ssm' | 'kms' | 'iam' | 'sts' | 'cloudtrail' | 'bosun';

/** A policy document as stored (already parsed JSON). */
export type PolicyDocument = Record<string, unknown>;

/** Who is calling, resolved from the access key that signed the request. */
export interface Principal {
  accountId: string;
  /** e.g. arn:aws:iam::123456789012:user/alice or arn:aws:sts::123456789012:assumed-role/R/session */
  arn: string;
  type: 'root' | 'user' | 'assumed-role' | 'federated-user';
  /** AIDA… for users, AROA…:session for assumed roles: aws:userid. */
  userId: string;
  /** User name, or role name for an assumed role. */
  name: string;
  /** aws:username: set only for IAM users. */
  userName?: string;
  accessKeyId: string;
  /** aws:PrincipalTag/*: the user's or role's tags (session tags win). */
  tags: Record<string, string>;
  /** Every identity-based policy that applies: inline, attached managed, and those of the user's groups. */
  policies: PolicyDocument[];
  /**
   * Temporary credentials issued with session policies only: their documents (iam/session-policy.ts).
   * AWS: a call must be allowed by the identity policies and by these, judged as one set.
   */
  sessionPolicies?: PolicyDocument[];
  /** Temporary credentials only: when they stop working. */
  expiresAt?: Date;
}

/** A condition-context value as IAM sees it: one string, several, or absent. */
export type ContextValue = string | string[] | undefined;

export interface RequestContext {
  requestId: string;
  service: ServiceName;
  operation: string;
  region: string;
  accountId: string;
  principal: Principal;
  sourceIp: string;
  userAgent: string;
  now: Date;
  db: Db;
  secureTransport: boolean;
  /** The Host header the client called, when it is a plain host[:port] (e.g. for StreamUrl). */
  requestHost?: string;
  /**
   * Authorises a further action inside a handler — e.g. kms:Decrypt on a SecureString's key,
   * known only once the parameter is read. Throws the caller's protocol's AccessDenied error.
   */
  checkAccess(request: Authorization): Promise<void>;
}

/** One resource an operation touches, with the tags aws:ResourceTag/* is checked against. */
export interface ResourceRef {
  arn: string;
  tags?: Record<string, string>;
}

/** What dispatch must authorise before calling the handler. */
export interface Authorization {
  /** Defaults to `<service>:<Operation>`. */
  action?: string;
  /** Defaults to ['*'] — operations with no resource-level permissions, as in AWS. */
  resources?: Array<string | ResourceRef>;
  /** Service-specific condition keys (e.g. ssm:Overwrite, aws:RequestTag/Env, aws:TagKeys). */
  context?: Record<string, ContextValue>;
}

/**
 * One operation. Handlers are plain functions; declare their return type explicitly
 * (`Promise<Output<'PutParameter'>>`) so a misspelled output member fails the typecheck.
 */
export interface OperationDef<I = any, O = any> {
  service: ServiceName;
  name: string;
  /** Which resources the call touches; dispatch authorises them once, before `handle`. */
  authorize?(input: I, ctx: RequestContext): Authorization | Promise<Authorization>;
  handle(input: I, ctx: RequestContext): Promise<O>;
  /** Input member paths (dot-separated) whose values never reach a log or audit record. */
  sensitiveInput?: string[];
  /**
   * No permission needed at all, not even blockable by an explicit Deny — AWS has a few such
   * calls (sts:GetCallerIdentity). Everything else is authorised.
   */
  alwaysAllowed?: boolean;
  /** True for calls that change nothing (CloudTrail's ReadOnly). Defaults from the name (Get/List/Describe). */
  readOnly?: boolean;
}
