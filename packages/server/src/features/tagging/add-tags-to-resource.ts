import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { requestTagContext } from '../../iam/policy/index';
import { assertUserTagKeys, taggableFor } from './taggable';

async function addTagsToResource(input: Input<'AddTagsToResource'>, ctx: RequestContext): Promise<Output<'AddTagsToResource'>> {
  assertUserTagKeys(input.Tags.map((t) => t.Key));
  await taggableFor(input.ResourceType).add(ctx, input.ResourceId, input.Tags);
  return {};
}

export const addTagsToResourceOperation: OperationDef<Input<'AddTagsToResource'>, Output<'AddTagsToResource'>> = {
  service: 'ssm',
  name: 'AddTagsToResource',
  async authorize(input, ctx) {
    const resource = await taggableFor(input.ResourceType).resource(ctx, input.ResourceId);
    return { resources: [resource], context: requestTagContext(input.Tags) };
  },
  handle: addTagsToResource,
};
