import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { removeTags } from '../../kms/tag-store';
import { onKey } from './key-access';
import { managedKey, refusePendingDeletion } from './key-lifecycle';

type In = KmsInput<'UntagResource'>;
type Out = KmsOutput<'UntagResource'>;

export async function untagResource(input: In, ctx: RequestContext): Promise<Out> {
  const key = await managedKey(ctx, input, input.KeyId);
  refusePendingDeletion(key);
  await removeTags(ctx.db, key.key_id, input.TagKeys);
  return {};
}

export const untagResourceOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'UntagResource',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId, { 'aws:TagKeys': input.TagKeys }),
  handle: untagResource,
};
