import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { listVersions } from '../../kms/key-store';
import { rotateKeyMaterial } from '../../kms/rotation';
import { onKey } from './key-access';
import { keyForRotationChange } from './rotation-state';

type In = KmsInput<'RotateKeyOnDemand'>;
type Out = KmsOutput<'RotateKeyOnDemand'>;

/** AWS: at most 10 on-demand rotations over a key's life. */
const ON_DEMAND_LIMIT = 10;

export async function rotateKeyOnDemand(input: In, ctx: RequestContext): Promise<Out> {
  const key = await keyForRotationChange(ctx, input, input.KeyId);
  const onDemand = (await listVersions(ctx.db, key.key_id)).filter((v) => v.rotation_type === 'ON_DEMAND').length;
  if (onDemand >= ON_DEMAND_LIMIT) {
    throw new AwsError('LimitExceededException', `The number of on-demand rotations for ${key.arn} has reached the limit of ${ON_DEMAND_LIMIT}.`);
  }
  await rotateKeyMaterial(ctx.db, key, 'ON_DEMAND', ctx.now);
  return { KeyId: key.key_id };
}

export const rotateKeyOnDemandOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'RotateKeyOnDemand',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: rotateKeyOnDemand,
};
