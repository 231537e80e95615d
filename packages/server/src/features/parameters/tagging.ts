import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import type { Taggable } from '../tagging/index';
import { assertValidName } from './names';
import { parameterResource, scopeOf } from './resources';
import { findParameter, tagsOf } from './store';

/** AWS: a parameter carries at most 50 tags. */
export const MAX_TAGS_PER_RESOURCE = 50;

/** AWS: ResourceId for a parameter is its name; a missing one is InvalidResourceId. */
async function assertTaggableParameter(ctx: RequestContext, name: string): Promise<void> {
  let valid = true;
  try {
    assertValidName(name, ctx.region, ctx.accountId, false);
  } catch {
    valid = false;
  }
  if (!valid || !(await findParameter(ctx.db, scopeOf(ctx), name))) {
    throw new AwsError('InvalidResourceId', 'The resource ID is not valid. Verify that you entered the correct ID and try again.');
  }
}

/** Parameters for the shared tag operations (ResourceType "Parameter"). */
export const parameterTaggable: Taggable = {
  resource: (ctx, name) => parameterResource(ctx, name),

  async list(ctx, name) {
    await assertTaggableParameter(ctx, name);
    const tags = await tagsOf(ctx.db, scopeOf(ctx), name);
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  },

  async add(ctx, name, tags) {
    await assertTaggableParameter(ctx, name);
    const scope = scopeOf(ctx);
    await ctx.db.transaction().execute(async (trx) => {
      const current = await tagsOf(trx, scope, name);
      const merged = { ...current, ...Object.fromEntries(tags.map((t) => [t.Key, t.Value])) };
      if (Object.keys(merged).length > MAX_TAGS_PER_RESOURCE) {
        throw new AwsError('TooManyTagsError', `The Tag limit exceeded. A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
      }
      const latest = new Map(tags.map((t) => [t.Key, t.Value]));
      await trx.deleteFrom('parameter_tags')
        .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
        .where('tag_key', 'in', [...latest.keys()])
        .execute();
      await trx.insertInto('parameter_tags').values([...latest].map(([tag_key, tag_value]) => ({
        account_id: scope.accountId, region: scope.region, name, tag_key, tag_value,
      }))).execute();
    });
  },

  async remove(ctx, name, keys) {
    await assertTaggableParameter(ctx, name);
    if (keys.length === 0) return;
    const scope = scopeOf(ctx);
    await ctx.db.deleteFrom('parameter_tags')
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
      .where('tag_key', 'in', keys)
      .execute();
  },
};
