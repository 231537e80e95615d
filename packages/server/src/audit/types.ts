import type { Selectable } from 'kysely';
import type { Principal } from '../operations/types';
import type { AuditEventsTable } from './tables';

/** Who made the call, as far as the front door knows; absent when the request could not be authenticated. */
export type AuditPrincipal = Pick<Principal, 'type' | 'arn' | 'userId' | 'accountId' | 'accessKeyId' | 'name' | 'userName'>;

/** A resource the call touched, as LookupEvents shows it (ResourceType `AWS::SSM::Parameter`, ResourceName). */
export interface AuditResource {
  type: string;
  name: string;
  arn?: string;
}

/**
 * One API call, as the front door hands it to `appendAuditEvent` after the handler ran (or
 * after authentication, authorisation or validation refused it).
 *
 * Request parameters and response elements are given as parsed values; `appendAuditEvent`
 * redacts them before anything is stored: members at `sensitiveRequestPaths` /
 * `sensitiveResponsePaths` (the operation's `sensitiveInput`), and every member whose name says
 * it holds a secret (see redact.ts), wherever it appears.
 */
export interface AuditEventInput {
  /** Defaults to a random UUID. */
  eventId?: string;
  eventTime: Date;
  /** The account the event belongs to (the caller's account; for a refused key, its owner's). */
  accountId: string;
  region: string;
  principal?: AuditPrincipal;
  sourceIp: string;
  userAgent: string;
  /** The service's CloudTrail source, e.g. `ssm.amazonaws.com`, `kms.amazonaws.com`. */
  eventSource: string;
  /** The operation name, e.g. `PutParameter`. */
  eventName: string;
  readOnly: boolean;
  requestParameters: unknown;
  sensitiveRequestPaths?: string[];
  /** Absent or undefined for failed calls and calls that return nothing worth recording. */
  responseElements?: unknown;
  sensitiveResponsePaths?: string[];
  /** AWS error code of a failed call (`AccessDeniedException`, `ParameterNotFound`, …). */
  errorCode?: string;
  errorMessage?: string;
  requestId: string;
  resources?: AuditResource[];
}

/** A stored audit record, exactly as the row reads (snake_case columns). */
export type AuditEvent = Selectable<AuditEventsTable>;

export interface AuditProblem {
  /** The first record the problem concerns (0 for the chain head itself). */
  seq: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  /** How many records were read. */
  checked: number;
  problems: AuditProblem[];
  /**
   * Where the chain ends. Publishing this elsewhere now and then (a ticket, a log shipper) is what
   * lets an operator notice a wholesale rollback to an earlier state of the database.
   */
  head: { seq: number; hash: string };
}
