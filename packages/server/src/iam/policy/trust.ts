import type { ConditionContext } from './context-lookup';
import { conditionsHold } from './conditions/evaluate';
import { actionApplies, type Decision, type PolicyInput } from './evaluate';
import { policyFromDocument } from './parse';
import type { Policy, PrincipalBlock } from './types';

export interface TrustRequest {
  /** The caller: a user ARN, a role-session ARN (`arn:aws:sts::1:assumed-role/R/s`), root, or a service name. */
  principalArn: string;
  /** The caller's account. */
  accountId: string;
  /** Usually `sts:AssumeRole`. */
  action: string;
  context: ConditionContext;
}

/** Evaluates a role's trust policy for a caller: explicit Deny > Allow > implicit deny, as AWS does. */
export function evaluateTrust(trustPolicy: PolicyInput, request: TrustRequest): { decision: Decision } {
  const policy: Policy = Array.isArray((trustPolicy as Policy).statements)
    ? (trustPolicy as Policy)
    : policyFromDocument(trustPolicy, 'trust');
  const variables = policy.version === '2012-10-17';
  let allowed = false;
  for (const statement of policy.statements) {
    if (!actionApplies(statement, request.action)) continue;
    if (statement.principal && !principalListed(statement.principal, request)) continue;
    if (statement.notPrincipal && principalListed(statement.notPrincipal, request)) continue;
    if (!statement.principal && !statement.notPrincipal) continue;
    if (conditionsHold(statement.condition, request.context, variables) !== true) continue;
    if (statement.effect === 'Deny') return { decision: 'ExplicitDeny' };
    allowed = true;
  }
  return { decision: allowed ? 'Allow' : 'ImplicitDeny' };
}

function principalListed(block: PrincipalBlock, request: TrustRequest): boolean {
  for (const [type, ids] of Object.entries(block)) {
    for (const id of ids) {
      if (id === '*') return true;
      if (type === 'AWS' && awsPrincipalMatches(id, request)) return true;
      if (type !== 'AWS' && id === request.principalArn) return true;
    }
  }
  return false;
}

/**
 * AWS: a 12-digit account id or `arn:aws:iam::<acct>:root` trusts every principal of that account
 * (its own policies then decide); a user or role ARN trusts exactly that identity, and a role ARN
 * also covers that role's sessions (role chaining).
 */
function awsPrincipalMatches(id: string, request: TrustRequest): boolean {
  if (/^\d{12}$/.test(id)) return id === request.accountId;
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(id);
  if (root) return root[1] === request.accountId;
  if (id === request.principalArn) return true;
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(id);
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(request.principalArn);
  return !!role && !!session && role[1] === session[1] && role[2] === session[2] && role[3] === session[3];
}
