import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { onKey } from './key-access';
import { managedKey, patchKey } from './key-lifecycle';

type In = KmsInput<'CancelKeyDeletion'>;
type Out = KmsOutput<'CancelKeyDeletion'>;

export async function cancelKeyDeletion(input: In, ctx: RequestContext): Promise<Out> {
  const key = await managedKey(ctx, input, input.KeyId);
  if (key.key_state !== 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is not pending deletion.`);
  // AWS: a key whose deletion is cancelled comes back Disabled, to be enabled deliberately.
  await patchKey(ctx, key, { key_state: 'Disabled', deletion_date: null, pending_window_days: null });
  return { KeyId: key.arn };
}

export const cancelKeyDeletionOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'CancelKeyDeletion',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: cancelKeyDeletion,
};
