import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { parameterResource, scopeOf } from './resources';
import { assertParameterType, assertTaggableParameter } from './tagging';

/** AWS: keys the resource does not carry are ignored. */
async function removeTagsFromResource(input: Input<'RemoveTagsFromResource'>, ctx: RequestContext): Promise<Output<'RemoveTagsFromResource'>> {
  assertParameterType(input.ResourceType);
  await assertTaggableParameter(ctx, input.ResourceId);
  const scope = scopeOf(ctx);
  if (input.TagKeys.length > 0) {
    await ctx.db.deleteFrom('parameter_tags')
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', input.ResourceId)
      .where('tag_key', 'in', input.TagKeys)
      .execute();
  }
  return {};
}

export const removeTagsFromResourceOperation: OperationDef<Input<'RemoveTagsFromResource'>, Output<'RemoveTagsFromResource'>> = {
  service: 'ssm',
  name: 'RemoveTagsFromResource',
  async authorize(input, ctx) {
    if (input.ResourceType !== 'Parameter') return {};
    return { resources: [await parameterResource(ctx, input.ResourceId)], context: { 'aws:TagKeys': input.TagKeys } };
  },
  handle: removeTagsFromResource,
};
