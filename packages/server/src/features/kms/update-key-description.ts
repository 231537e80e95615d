import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { onKey } from './key-access';
import { managedKey, patchKey, refusePendingDeletion } from './key-lifecycle';

type In = KmsInput<'UpdateKeyDescription'>;
type Out = KmsOutput<'UpdateKeyDescription'>;

export async function updateKeyDescription(input: In, ctx: RequestContext): Promise<Out> {
  const key = await managedKey(ctx, input, input.KeyId);
  refusePendingDeletion(key);
  await patchKey(ctx, key, { description: input.Description });
  return {};
}

export const updateKeyDescriptionOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'UpdateKeyDescription',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: updateKeyDescription,
};
