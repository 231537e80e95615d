import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { parameterResource, requestTagContext, scopeOf } from './resources';
import { tagsOf } from './store';
import { MAX_TAGS_PER_RESOURCE, assertParameterType, assertTaggableParameter, assertUserTagKeys } from './tagging';

/** Adds tags, replacing the value of a key already there. */
async function addTagsToResource(input: Input<'AddTagsToResource'>, ctx: RequestContext): Promise<Output<'AddTagsToResource'>> {
  assertParameterType(input.ResourceType);
  const name = input.ResourceId;
  await assertTaggableParameter(ctx, name);
  assertUserTagKeys(input.Tags.map((t) => t.Key));
  const scope = scopeOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await tagsOf(trx, scope, name);
    const merged = { ...current, ...Object.fromEntries(input.Tags.map((t) => [t.Key, t.Value])) };
    if (Object.keys(merged).length > MAX_TAGS_PER_RESOURCE) {
      throw new AwsError('TooManyTagsError', `The Tag limit exceeded. A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
    }
    const keys = input.Tags.map((t) => t.Key);
    await trx.deleteFrom('parameter_tags')
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
      .where('tag_key', 'in', keys)
      .execute();
    const latest = new Map(input.Tags.map((t) => [t.Key, t.Value]));
    await trx.insertInto('parameter_tags').values([...latest].map(([tag_key, tag_value]) => ({
      account_id: scope.accountId, region: scope.region, name, tag_key, tag_value,
    }))).execute();
  });
  return {};
}

export const addTagsToResourceOperation: OperationDef<Input<'AddTagsToResource'>, Output<'AddTagsToResource'>> = {
  service: 'ssm',
  name: 'AddTagsToResource',
  async authorize(input, ctx) {
    if (input.ResourceType !== 'Parameter') return {};
    return { resources: [await parameterResource(ctx, input.ResourceId)], context: requestTagContext(input.Tags) };
  },
  handle: addTagsToResource,
};
