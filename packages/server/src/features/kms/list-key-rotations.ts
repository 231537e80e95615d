import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listVersions } from '../../kms/key-store';
import { rotateIfDue } from '../../kms/rotation';
import { keyOfRequest, onKey } from './key-access';
import { pageOf, readMarker } from './list-marker';

type In = KmsInput<'ListKeyRotations'>;
type Out = KmsOutput<'ListKeyRotations'>;

export async function listKeyRotations(input: In, ctx: RequestContext): Promise<Out> {
  const key = await rotateIfDue(ctx.db, await keyOfRequest(ctx, input, input.KeyId), ctx.now);
  const scope = `kms:ListKeyRotations:${key.key_id}`;
  const after = Number(readMarker(input.Marker, scope) ?? 1);
  const limit = input.Limit ?? 100;
  // Version 1 is the original material, not a rotation.
  const rotations = (await listVersions(ctx.db, key.key_id)).filter((v) => v.version > after);
  const page = pageOf(rotations, limit, scope, (v) => String(v.version));
  return {
    Rotations: page.items.map((v) => ({
      KeyId: key.key_id,
      RotationDate: new Date(v.created_at),
      ...(v.rotation_type ? { RotationType: v.rotation_type as 'AUTOMATIC' | 'ON_DEMAND' } : {}),
    })),
    ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}),
    Truncated: page.Truncated,
  };
}

export const listKeyRotationsOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'ListKeyRotations',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: listKeyRotations,
};
