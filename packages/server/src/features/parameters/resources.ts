import type { RequestContext, ResourceRef } from '../../operations/types';
import { parameterArn } from './names';
import { tagsOf, type Scope } from './store';

/** The caller's account and region: every parameter lives in one. */
export const scopeOf = (ctx: RequestContext): Scope => ({ accountId: ctx.accountId, region: ctx.region });

/**
 * A parameter as IAM sees it: its ARN and its tags (for aws:ResourceTag/*). The tags are read
 * only when one of the caller's policies can look at them: a query saved on every hot read.
 */
export async function parameterResource(ctx: RequestContext, name: string): Promise<ResourceRef> {
  const arn = parameterArn(ctx.region, ctx.accountId, name);
  if (!policiesReadResourceTags(ctx)) return { arn };
  return { arn, tags: await tagsOf(ctx.db, scopeOf(ctx), name) };
}

function policiesReadResourceTags(ctx: RequestContext): boolean {
  return ctx.principal.policies.some(readsResourceTags);
}

/**
 * Per policy document, remembered: serialising every policy of the caller on every call was a
 * visible share of a GetParameter. Documents are not edited in place (a changed policy is a new
 * object from the credential lookup), so the answer for one object never goes stale.
 */
const tagReaders = new WeakMap<object, boolean>();
function readsResourceTags(policy: object): boolean {
  let reads = tagReaders.get(policy);
  if (reads === undefined) {
    reads = /resourcetag/i.test(JSON.stringify(policy));
    tagReaders.set(policy, reads);
  }
  return reads;
}

export { requestTagContext } from '../../iam/policy/index';
