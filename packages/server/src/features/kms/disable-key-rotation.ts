import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { onKey } from './key-access';
import { patchKey } from './key-lifecycle';
import { keyForRotationChange } from './rotation-state';

type In = KmsInput<'DisableKeyRotation'>;
type Out = KmsOutput<'DisableKeyRotation'>;

export async function disableKeyRotation(input: In, ctx: RequestContext): Promise<Out> {
  const key = await keyForRotationChange(ctx, input, input.KeyId);
  await patchKey(ctx, key, { rotation_enabled: 0, next_rotation_at: null });
  return {};
}

export const disableKeyRotationOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'DisableKeyRotation',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: disableKeyRotation,
};
