import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { putTags } from '../../kms/tag-store';
import { onKey } from './key-access';
import { managedKey, refusePendingDeletion } from './key-lifecycle';
import { requestTagConditions, tagsToRecord } from './tags';

type In = KmsInput<'TagResource'>;
type Out = KmsOutput<'TagResource'>;

export async function tagResource(input: In, ctx: RequestContext): Promise<Out> {
  const tags = tagsToRecord(input.Tags);
  const key = await managedKey(ctx, input, input.KeyId);
  refusePendingDeletion(key);
  await putTags(ctx.db, key.key_id, tags);
  return {};
}

export const tagResourceOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'TagResource',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId, requestTagConditions(input.Tags)),
  handle: tagResource,
};
