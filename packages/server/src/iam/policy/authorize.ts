import type { ContextValue, Principal, ResourceRef } from '../../operations/types';
import { evaluate } from './evaluate';
import { resourceTagContext } from './context';

export interface AuthorizeRequest {
  action: string;
  /** Empty means `['*']`: the action has no resource-level permissions (AWS). */
  resources: Array<string | ResourceRef>;
  /** Global keys (globalContext) merged with the operation's own keys. */
  context: Record<string, ContextValue>;
}

export type AuthorizeResult =
  | { allowed: true }
  | { allowed: false; resource: string; decision: 'ExplicitDeny' | 'ImplicitDeny' };

/**
 * Authorises one call. AWS: the account root user is not subject to identity policies; everyone
 * else needs every touched resource allowed, and the first refused resource is reported.
 * Credentials issued with session policies need those to allow the call as well (AWS: the
 * session's permissions are the intersection of the two; an explicit Deny in either denies).
 */
export function authorize(principal: Principal, request: AuthorizeRequest): AuthorizeResult {
  if (principal.type === 'root') return { allowed: true };
  const resources = request.resources.length > 0 ? request.resources : ['*'];
  // AWS: a federated user (GetFederationToken) can call no IAM operation and no STS operation
  // but GetCallerIdentity, whatever its policies say.
  if (principal.type === 'federated-user' && (request.action.startsWith('iam:') || (request.action.startsWith('sts:') && request.action !== 'sts:GetCallerIdentity'))) {
    const first = resources[0];
    return { allowed: false, resource: typeof first === 'string' ? first : first.arn, decision: 'ImplicitDeny' };
  }
  for (const ref of resources) {
    const arn = typeof ref === 'string' ? ref : ref.arn;
    const tags = typeof ref === 'string' ? undefined : ref.tags;
    // Copied only when the resource adds keys of its own.
    const context = tags === undefined || Object.keys(tags).length === 0 ? request.context : { ...request.context, ...resourceTagContext(tags) };
    const { decision } = evaluate(principal.policies, { action: request.action, resource: arn, context });
    if (decision !== 'Allow') return { allowed: false, resource: arn, decision };
    if (principal.sessionPolicies) {
      const session = evaluate(principal.sessionPolicies, { action: request.action, resource: arn, context }).decision;
      if (session !== 'Allow') return { allowed: false, resource: arn, decision: session };
    }
  }
  return { allowed: true };
}
