import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { onKey } from './key-access';
import { patchKey } from './key-lifecycle';
import { keyForRotationChange } from './rotation-state';

type In = KmsInput<'EnableKeyRotation'>;
type Out = KmsOutput<'EnableKeyRotation'>;

export async function enableKeyRotation(input: In, ctx: RequestContext): Promise<Out> {
  // AWS: 90 to 2560 days, 365 when not given.
  const days = input.RotationPeriodInDays ?? 365;
  if (days < 90 || days > 2560) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value between 90 and 2560`);
  }
  const key = await keyForRotationChange(ctx, input, input.KeyId);
  await patchKey(ctx, key, {
    rotation_enabled: 1,
    rotation_period_days: days,
    next_rotation_at: new Date(ctx.now.getTime() + days * 86_400_000).toISOString(),
  });
  return {};
}

export const enableKeyRotationOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'EnableKeyRotation',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId, input.RotationPeriodInDays !== undefined
    ? { 'kms:RotationPeriodInDays': String(input.RotationPeriodInDays) } : {}),
  handle: enableKeyRotation,
};
