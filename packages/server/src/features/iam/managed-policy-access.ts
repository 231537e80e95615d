/** Finding a managed policy by ARN for the calls that read or change it. */
import type { RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { AWS_OWNER, getManagedPolicy } from '../../iam/store/managed-policies';
import type { IamManagedPolicyRow } from '../../iam/store/tables';
import { checkPolicyArn } from './attached-policies';

export const readablePolicy = (ctx: RequestContext, arn: string): Promise<IamManagedPolicyRow> =>
  getManagedPolicy(ctx.db, ctx.accountId, checkPolicyArn(arn));

/** AWS: AWS-managed policies belong to AWS; an account can attach them but never change them. */
export async function ownedPolicy(ctx: RequestContext, arn: string): Promise<IamManagedPolicyRow> {
  const policy = await readablePolicy(ctx, arn);
  if (policy.account_id === AWS_OWNER) {
    throw new AwsError('AccessDenied', `Cannot modify the AWS managed policy ${arn}.`, 403);
  }
  return policy;
}

/** How many attachments each policy has in this account, in one query. */
export async function attachmentCounts(ctx: RequestContext): Promise<Map<string, number>> {
  const rows = await ctx.db.selectFrom('iam_attachments')
    .select((eb) => ['policy_id', eb.fn.countAll().as('n')])
    .where('account_id', '=', ctx.accountId).groupBy('policy_id').execute();
  return new Map(rows.map((r) => [r.policy_id, Number(r.n)]));
}
