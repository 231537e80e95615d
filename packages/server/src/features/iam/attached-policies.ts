/** Managed-policy attachments of users, groups and roles: what the Attach/Detach/ListAttached calls share. */
import type { RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { attachPolicy, detachPolicy, listAttachedPolicies } from '../../iam/store/attachments';
import type { PolicyOwner } from '../../iam/store/inline-policies';
import { getManagedPolicy } from '../../iam/store/managed-policies';
import type { PageRequest } from '../../iam/store/util';
import { pageMembers, toAttachedPolicy } from './views';

/** AWS: a malformed policy ARN is an InvalidInput, not a NoSuchEntity. */
export function checkPolicyArn(arn: string): string {
  if (!/^arn:aws:iam::(\d{12}|aws):policy\/(.*\/)?[^/]+$/.test(arn)) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
  return arn;
}

export async function attach(ctx: RequestContext, owner: PolicyOwner, policyArn: string): Promise<Record<string, never>> {
  const policy = await getManagedPolicy(ctx.db, ctx.accountId, checkPolicyArn(policyArn));
  await attachPolicy(ctx.db, owner, policy);
  return {};
}

export async function detach(ctx: RequestContext, owner: PolicyOwner, policyArn: string): Promise<Record<string, never>> {
  const policy = await getManagedPolicy(ctx.db, ctx.accountId, checkPolicyArn(policyArn));
  await detachPolicy(ctx.db, owner, policy);
  return {};
}

export async function listAttached(ctx: RequestContext, owner: PolicyOwner, request: PageRequest & { pathPrefix?: string }) {
  const page = await listAttachedPolicies(ctx.db, owner, request);
  return { AttachedPolicies: page.items.map(toAttachedPolicy), ...pageMembers(page) };
}

/** iam:PolicyARN, the condition key attach/detach calls carry. */
export const policyArnContext = (arn: string) => ({ 'iam:PolicyARN': arn });
