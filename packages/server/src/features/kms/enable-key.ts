import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { onKey } from './key-access';
import { managedKey, patchKey, refusePendingDeletion } from './key-lifecycle';

type In = KmsInput<'EnableKey'>;
type Out = KmsOutput<'EnableKey'>;

export async function enableKey(input: In, ctx: RequestContext): Promise<Out> {
  const key = await managedKey(ctx, input, input.KeyId);
  refusePendingDeletion(key);
  await patchKey(ctx, key, { key_state: 'Enabled' });
  return {};
}

export const enableKeyOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'EnableKey',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: enableKey,
};
