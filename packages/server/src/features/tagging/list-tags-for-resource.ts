import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { taggableFor } from './taggable';

async function listTagsForResource(input: Input<'ListTagsForResource'>, ctx: RequestContext): Promise<Output<'ListTagsForResource'>> {
  return { TagList: await taggableFor(input.ResourceType).list(ctx, input.ResourceId) };
}

export const listTagsForResourceOperation: OperationDef<Input<'ListTagsForResource'>, Output<'ListTagsForResource'>> = {
  service: 'ssm',
  name: 'ListTagsForResource',
  async authorize(input, ctx) {
    return { resources: [await taggableFor(input.ResourceType).resource(ctx, input.ResourceId)] };
  },
  handle: listTagsForResource,
};
