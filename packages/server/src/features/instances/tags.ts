/**
 * Tags on managed nodes for the shared SSM tag operations (AddTagsToResource,
 * ListTagsForResource, RemoveTagsFromResource with ResourceType ManagedInstance), which the
 * Parameter Store room owns and routes here.
 */
import type { RequestContext } from '../../operations/types';
import type { Taggable } from '../tagging/index';
import { instanceResource } from './scope';
import { AwsError } from '../../operations/errors';
import { findScopedInstance, tagsOfInstances } from '../../agents/instance-store';
import { inTransaction } from '../../iam/store/util';

export { instanceResource } from './scope';

/** AWS: a resource carries at most 50 tags. */
const MAX_TAGS = 50;

async function requireNode(ctx: RequestContext, instanceId: string): Promise<void> {
  const row = await findScopedInstance(ctx.db, ctx.accountId, ctx.region, instanceId);
  if (!row || row.deregistered_at) {
    throw new AwsError('InvalidResourceId', 'The resource ID is not valid. Verify that you entered the correct ID and try again.');
  }
}

export async function listInstanceTags(ctx: RequestContext, instanceId: string): Promise<Array<{ Key: string; Value: string }>> {
  await requireNode(ctx, instanceId);
  const tags = (await tagsOfInstances(ctx.db, [instanceId])).get(instanceId) ?? {};
  return Object.keys(tags).sort().map((Key) => ({ Key, Value: tags[Key] }));
}

/** Adds or overwrites tags; refuses the whole call if the node would end with more than 50. */
export async function addInstanceTags(ctx: RequestContext, instanceId: string, tags: Array<{ Key: string; Value: string }>): Promise<void> {
  await requireNode(ctx, instanceId);
  await inTransaction(ctx.db, async (trx) => {
    const existing = (await tagsOfInstances(trx, [instanceId])).get(instanceId) ?? {};
    const keys = new Set([...Object.keys(existing), ...tags.map((t) => t.Key)]);
    if (keys.size > MAX_TAGS) {
      throw new AwsError('TooManyTagsError', 'The Targets parameter includes too many tags. Remove one or more tags and try the command again.');
    }
    for (const t of tags) {
      await trx.deleteFrom('managed_instance_tags').where('instance_id', '=', instanceId).where('tag_key', '=', t.Key).execute();
      await trx.insertInto('managed_instance_tags').values({ instance_id: instanceId, tag_key: t.Key, tag_value: t.Value }).execute();
    }
  });
}

export async function removeInstanceTags(ctx: RequestContext, instanceId: string, keys: string[]): Promise<void> {
  await requireNode(ctx, instanceId);
  if (keys.length === 0) return;
  await ctx.db.deleteFrom('managed_instance_tags').where('instance_id', '=', instanceId).where('tag_key', 'in', keys).execute();
}

/** Managed nodes for the shared tag operations (ResourceType "ManagedInstance"). */
export const instanceTaggable: Taggable = {
  resource: instanceResource,
  list: listInstanceTags,
  add: addInstanceTags,
  remove: removeInstanceTags,
};
