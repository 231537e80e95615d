/** The audit log: every API call, allowed or denied, in a tamper-evident chain. */
export { appendAuditEvent } from './append';
export { verifyAuditChain } from './verify';
export { redact, HIDDEN, isSecretMemberName } from './redact';
export { GENESIS_HASH } from './chain';
export type { AuditEvent, AuditEventInput, AuditPrincipal, AuditResource, AuditProblem, AuditVerification } from './types';
export type { AuditTables } from './tables';
