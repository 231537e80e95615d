/**
 * The IAM policy engine: parsing and validating documents, and evaluating identity-based and
 * trust policies as AWS does. Pure functions; no database, no clock (callers pass `now`).
 */
export { parsePolicy, parseTrustPolicy, policyFromDocument, type PolicyKind, type ParseOptions } from './parse';
export { PolicyError, type Policy, type Statement, type PolicyVersion, type ConditionBlock, type PrincipalBlock } from './types';
export { MALFORMED } from './malformed-messages';
export { evaluate, type Decision, type EvaluationRequest, type PolicyInput } from './evaluate';
export { authorize, type AuthorizeRequest, type AuthorizeResult } from './authorize';
export { globalContext, resourceTagContext, requestTagContext, principalArnForConditions, type RequestFacts } from './context';
export { accessDeniedMessage } from './messages';
export { evaluateTrust, type TrustRequest } from './trust';
