import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { rotateIfDue } from '../../kms/rotation';
import { keyOfRequest, onKey } from './key-access';

type In = KmsInput<'GetKeyRotationStatus'>;
type Out = KmsOutput<'GetKeyRotationStatus'>;

export async function getKeyRotationStatus(input: In, ctx: RequestContext): Promise<Out> {
  const key = await rotateIfDue(ctx.db, await keyOfRequest(ctx, input, input.KeyId), ctx.now);
  if (!key.rotation_enabled) return { KeyRotationEnabled: false, KeyId: key.key_id };
  return {
    KeyRotationEnabled: true,
    KeyId: key.key_id,
    RotationPeriodInDays: key.rotation_period_days ?? 365,
    ...(key.next_rotation_at ? { NextRotationDate: new Date(key.next_rotation_at) } : {}),
  };
}

export const getKeyRotationStatusOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'GetKeyRotationStatus',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: getKeyRotationStatus,
};
