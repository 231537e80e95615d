import type { Decision } from './evaluate';

/**
 * The AccessDenied message AWS JSON services return, word for word, e.g.
 * "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: ssm:GetParameter on
 * resource: arn:aws:ssm:us-east-1:123456789012:parameter/x because no identity-based policy allows
 * the ssm:GetParameter action". The "User:" label is used for every principal type, as AWS does.
 */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resource: string,
  decision: Exclude<Decision, 'Allow'>,
): string {
  const head = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}`;
  return decision === 'ExplicitDeny'
    ? `${head} with an explicit deny in an identity-based policy`
    : `${head} because no identity-based policy allows the ${action} action`;
}
