import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { onKey } from './key-access';
import { managedKey, patchKey, refusePendingDeletion } from './key-lifecycle';

type In = KmsInput<'DisableKey'>;
type Out = KmsOutput<'DisableKey'>;

export async function disableKey(input: In, ctx: RequestContext): Promise<Out> {
  const key = await managedKey(ctx, input, input.KeyId);
  refusePendingDeletion(key);
  await patchKey(ctx, key, { key_state: 'Disabled' });
  return {};
}

export const disableKeyOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'DisableKey',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: disableKey,
};
