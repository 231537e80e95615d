import type { RequestContext, ResourceRef } from '../../operations/types';
import { parseNameOrArn } from './names';
import { documentResourceArn } from './resolve';
import { tagsOf } from './store';

/**
 * A document as IAM sees it: its ARN (the owner's account for shared ones, none for built-ins)
 * and, for aws:ResourceTag/*, its tags — read only when a policy of the caller can look at them.
 */
export async function documentResource(ctx: RequestContext, nameOrArn: string): Promise<ResourceRef> {
  const arn = documentResourceArn(ctx, nameOrArn);
  const owner = arn.split(':')[4];
  if (!owner || !ctx.principal.policies.some((p) => /resourcetag/i.test(JSON.stringify(p)))) return { arn };
  return { arn, tags: await tagsOf(ctx.db, { accountId: owner, region: ctx.region }, parseNameOrArn(nameOrArn).name) };
}

export { requestTagContext } from '../../iam/policy/index';
