/**
 * The audit log: every API call, allowed or denied, in a tamper-evident chain.
 *
 * What verification proves: with the chain key (derived from the master key, never stored in the
 * database), nobody can edit, insert, delete, reorder or truncate records without
 * `verifyAuditChain` reporting it. What it cannot prove on its own: that the whole database was
 * not swapped for an older copy of itself. Recording `head` from a verification somewhere else
 * (a ticket, a log shipper) closes that gap.
 *
 * The front door calls `appendAuditEvent(db, secrets.derive('audit-chain'), event)` once per
 * call after the handler (or the refusal); LookupEvents reads the same table.
 */
export { appendAuditEvent } from './append';
export { verifyAuditChain } from './verify';
export { auditIndexed } from './journal';
export { redact, HIDDEN, isSecretMemberName } from './redact';
export { GENESIS_HASH } from './chain';
export { resourcesFromArns, resourceFromArn } from './resources';
export type { AuditEvent, AuditEventInput, AuditPrincipal, AuditResource, AuditProblem, AuditVerification } from './types';
export type { AuditTables } from './tables';
