import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { taggableFor } from './taggable';

async function removeTagsFromResource(input: Input<'RemoveTagsFromResource'>, ctx: RequestContext): Promise<Output<'RemoveTagsFromResource'>> {
  await taggableFor(input.ResourceType).remove(ctx, input.ResourceId, input.TagKeys);
  return {};
}

export const removeTagsFromResourceOperation: OperationDef<Input<'RemoveTagsFromResource'>, Output<'RemoveTagsFromResource'>> = {
  service: 'ssm',
  name: 'RemoveTagsFromResource',
  async authorize(input, ctx) {
    const resource = await taggableFor(input.ResourceType).resource(ctx, input.ResourceId);
    return { resources: [resource], context: { 'aws:TagKeys': input.TagKeys } };
  },
  handle: removeTagsFromResource,
};
