import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { parameterResource, scopeOf } from './resources';
import { tagsOf } from './store';
import { assertParameterType, assertTaggableParameter } from './tagging';

async function listTagsForResource(input: Input<'ListTagsForResource'>, ctx: RequestContext): Promise<Output<'ListTagsForResource'>> {
  assertParameterType(input.ResourceType);
  await assertTaggableParameter(ctx, input.ResourceId);
  const tags = await tagsOf(ctx.db, scopeOf(ctx), input.ResourceId);
  return { TagList: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}

export const listTagsForResourceOperation: OperationDef<Input<'ListTagsForResource'>, Output<'ListTagsForResource'>> = {
  service: 'ssm',
  name: 'ListTagsForResource',
  async authorize(input, ctx) {
    if (input.ResourceType !== 'Parameter') return {};
    return { resources: [await parameterResource(ctx, input.ResourceId)] };
  },
  handle: listTagsForResource,
};
