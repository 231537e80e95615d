import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { onKey } from './key-access';
import { managedKey, patchKey, refusePendingDeletion } from './key-lifecycle';

type In = KmsInput<'ScheduleKeyDeletion'>;
type Out = KmsOutput<'ScheduleKeyDeletion'>;

const DAY = 86_400_000;

export async function scheduleKeyDeletion(input: In, ctx: RequestContext): Promise<Out> {
  // AWS: the waiting period is 7 to 30 days, 30 when not given.
  const days = input.PendingWindowInDays ?? 30;
  if (days < 7 || days > 30) {
    throw new AwsError('ValidationException', `PendingWindowInDays value ${days} is invalid. It must be between 7 and 30 (inclusive).`);
  }
  const key = await managedKey(ctx, input, input.KeyId);
  refusePendingDeletion(key);
  const deletionDate = new Date(ctx.now.getTime() + days * DAY);
  await patchKey(ctx, key, { key_state: 'PendingDeletion', deletion_date: deletionDate.toISOString(), pending_window_days: days });
  return { KeyId: key.arn, DeletionDate: deletionDate, KeyState: 'PendingDeletion', PendingWindowInDays: days };
}

export const scheduleKeyDeletionOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'ScheduleKeyDeletion',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: scheduleKeyDeletion,
};
