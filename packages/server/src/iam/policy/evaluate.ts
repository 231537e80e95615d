import type { Policy, Statement } from './types';
import { policyFromDocument } from './parse';
import { actionMatches, resourceMatches, type PatternPart } from './match';
import { expandVariables } from './variables';
import { conditionsHold } from './conditions/evaluate';
import type { ConditionContext } from './context-lookup';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface EvaluationRequest {
  /** e.g. `ssm:GetParameter` */
  action: string;
  /** One ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  context: ConditionContext;
}

/** A parsed Policy, or a document as stored (already-parsed JSON, validated again here). */
export type PolicyInput = Policy | Record<string, unknown>;

const isParsed = (p: PolicyInput): p is Policy => Array.isArray((p as Policy).statements);

/** Stored documents are re-validated once per object, not on every request. */
const parsedDocuments = new WeakMap<object, Policy>();
function asPolicy(input: PolicyInput): Policy {
  if (isParsed(input)) return input;
  let policy = parsedDocuments.get(input);
  if (!policy) {
    policy = policyFromDocument(input);
    parsedDocuments.set(input, policy);
  }
  return policy;
}

/**
 * Identity-based policy evaluation. AWS: an explicit Deny anywhere wins, then any Allow, and
 * otherwise the request is implicitly denied. A stored document that no longer parses throws
 * (PolicyError): failing closed beats silently dropping what might be a Deny.
 */
export function evaluate(policies: PolicyInput[], request: EvaluationRequest): { decision: Decision } {
  let allowed = false;
  for (const input of policies) {
    const policy = asPolicy(input);
    for (const statement of policy.statements) {
      if (!statementApplies(statement, policy.version === '2012-10-17', request)) continue;
      if (statement.effect === 'Deny') return { decision: 'ExplicitDeny' };
      allowed = true;
    }
  }
  return { decision: allowed ? 'Allow' : 'ImplicitDeny' };
}

/** Action, resource and conditions all match. `variables` is true only for Version 2012-10-17. */
export function statementApplies(statement: Statement, variables: boolean, request: EvaluationRequest): boolean {
  if (!actionApplies(statement, request.action)) return false;
  if (statement.resource || statement.notResource) {
    const resources = expandAll(statement.resource ?? statement.notResource ?? [], request.context, variables);
    if (!resources) return false;
    const listed = resources.some((pattern) => resourceMatches(pattern, request.resource));
    if (statement.resource ? !listed : listed) return false;
  }
  return conditionsHold(statement.condition, request.context, variables) === true;
}

export function actionApplies(statement: Statement, action: string): boolean {
  if (statement.action) return statement.action.some((pattern) => actionMatches(pattern, action));
  if (statement.notAction) return !statement.notAction.some((pattern) => actionMatches(pattern, action));
  return false;
}

/** AWS: one unresolvable variable in Resource/NotResource means the statement does not match. */
function expandAll(values: string[], context: ConditionContext, variables: boolean): PatternPart[][] | undefined {
  const out: PatternPart[][] = [];
  for (const value of values) {
    const expanded = expandVariables(value, context, variables);
    if (!expanded) return undefined;
    out.push(expanded);
  }
  return out;
}
