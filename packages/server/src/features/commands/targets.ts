/**
 * Which managed nodes a SendCommand reaches: InstanceIds (at most 50, each a live node of the
 * caller's account and region) or Targets (InstanceIds, tag:Key, tag-key). Each node comes
 * with its tags, which IAM checks as aws:ResourceTag/*.
 */
import type { Target } from '@bosun/protocol/generated/ssm/types';
import type { RequestContext, ResourceRef } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { managedInstanceArn } from '../../agents/ids';
import { tagsOfInstances } from '../../agents/instance-store';
import { MAX_INSTANCE_IDS } from './limits';

export interface TargetNode {
  instanceId: string;
  name: string | null;
  tags: Record<string, string>;
}

export async function resolveTargets(ctx: RequestContext, instanceIds: string[] | undefined, targets: Target[] | undefined): Promise<TargetNode[]> {
  const hasIds = (instanceIds?.length ?? 0) > 0;
  const hasTargets = (targets?.length ?? 0) > 0;
  // AWS: exactly one way of naming targets per command.
  if (hasIds === hasTargets) {
    throw new AwsError('ValidationException', hasIds
      ? 'Specify either InstanceIds or Targets, not both.'
      : 'Either InstanceIds or Targets must be specified.');
  }
  if (hasIds) return explicitNodes(ctx, instanceIds!);
  return nodesMatching(ctx, targets!);
}

async function explicitNodes(ctx: RequestContext, ids: string[]): Promise<TargetNode[]> {
  if (ids.length > MAX_INSTANCE_IDS) {
    throw new AwsError('ValidationException', `1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INSTANCE_IDS}`);
  }
  if (new Set(ids).size !== ids.length) throw new AwsError('DuplicateInstanceId', 'You cannot specify an instance ID in more than one association.');
  const rows = await liveNodes(ctx).where('instance_id', 'in', ids).execute();
  const found = new Map(rows.map((r) => [r.instance_id, r]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    // AWS: "Instances [[i-…]] not in a valid state for account …"
    throw new AwsError('InvalidInstanceId', `Instances [[${missing.join(', ')}]] not in a valid state for account ${ctx.accountId}`);
  }
  const tags = await tagsOfInstances(ctx.db, ids);
  return ids.map((id) => ({ instanceId: id, name: found.get(id)!.name, tags: tags.get(id) ?? {} }));
}

async function nodesMatching(ctx: RequestContext, targets: Target[]): Promise<TargetNode[]> {
  let query = liveNodes(ctx);
  for (const t of targets) {
    const key = t.Key ?? '';
    const values = t.Values ?? [];
    if (values.length === 0) throw new AwsError('ValidationException', `Target ${key} needs at least one value.`);
    if (key === 'InstanceIds') {
      query = query.where('instance_id', 'in', values);
    } else if (key === 'tag-key') {
      query = query.where('instance_id', 'in', (qb) => qb.selectFrom('managed_instance_tags').select('instance_id').where('tag_key', 'in', values));
    } else if (key.startsWith('tag:') && key.length > 4) {
      const tagKey = key.slice(4);
      query = query.where('instance_id', 'in', (qb) => qb.selectFrom('managed_instance_tags').select('instance_id')
        .where('tag_key', '=', tagKey).where('tag_value', 'in', values));
    } else if (key === 'resource-groups:Name' || key === 'resource-groups:ResourceTypeFilters') {
      throw new AwsError('ValidationException', `Bosun has no resource groups; target nodes by tag:<key> or tag-key instead of ${key}.`);
    } else {
      throw new AwsError('ValidationException', `Target key ${key} is not supported. Use InstanceIds, tag:<key> or tag-key.`);
    }
  }
  const rows = await query.orderBy('instance_id').execute();
  const tags = await tagsOfInstances(ctx.db, rows.map((r) => r.instance_id));
  return rows.map((r) => ({ instanceId: r.instance_id, name: r.name, tags: tags.get(r.instance_id) ?? {} }));
}

function liveNodes(ctx: RequestContext) {
  return ctx.db.selectFrom('managed_instances').select(['instance_id', 'name'])
    .where('account_id', '=', ctx.accountId).where('region', '=', ctx.region).where('deregistered_at', 'is', null);
}

/** IAM's view of the nodes: their ARNs with their tags. */
export function nodeResources(ctx: RequestContext, nodes: TargetNode[]): ResourceRef[] {
  return nodes.map((n) => ({ arn: managedInstanceArn(ctx.region, ctx.accountId, n.instanceId), tags: n.tags }));
}
