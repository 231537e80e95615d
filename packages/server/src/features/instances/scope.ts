import type { RequestContext, ResourceRef } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { managedInstanceArn } from '../../agents/ids';
import { findScopedInstance, tagsOfInstances, type InstanceRow } from '../../agents/instance-store';

/** A managed node as IAM sees it: its ARN and its tags (for aws:ResourceTag/*). */
export async function instanceResource(ctx: RequestContext, instanceId: string): Promise<ResourceRef> {
  const tags = (await tagsOfInstances(ctx.db, [instanceId])).get(instanceId) ?? {};
  const row = await findScopedInstance(ctx.db, ctx.accountId, ctx.region, instanceId);
  return { arn: managedInstanceArn(ctx.region, ctx.accountId, instanceId), tags: row ? tags : {} };
}

/** The caller's node, not yet deregistered; AWS's InvalidInstanceId otherwise. */
export async function liveInstance(ctx: RequestContext, instanceId: string): Promise<InstanceRow> {
  const row = await findScopedInstance(ctx.db, ctx.accountId, ctx.region, instanceId);
  if (!row || row.deregistered_at) {
    throw new AwsError('InvalidInstanceId', `Instance Id ${instanceId} is not a valid managed instance in this account and region.`);
  }
  return row;
}

export { requestTagContext } from '../../iam/policy/index';
