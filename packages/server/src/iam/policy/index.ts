/**
 * The IAM policy engine: parsing and validating documents, and evaluating identity-based and
 * trust policies as AWS does. Pure functions; no database, no clock (callers pass `now`).
 */
export { parsePolicy, parseTrustPolicy, policyFromDocument, type PolicyKind } from './parse';
export { PolicyError, type Policy, type Statement, type PolicyVersion, type ConditionBlock, type PrincipalBlock } from './types';
export { MALFORMED } from './malformed-messages';
