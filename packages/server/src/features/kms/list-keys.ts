import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { purgeExpiredKeys } from '../../kms/expiry';
import { listKeyRows } from '../../kms/key-store';
import { pageOf, readMarker } from './list-marker';

type In = KmsInput<'ListKeys'>;
type Out = KmsOutput<'ListKeys'>;

export async function listKeys(input: In, ctx: RequestContext): Promise<Out> {
  const scope = `kms:ListKeys:${ctx.accountId}:${ctx.region}`;
  // AWS: Limit defaults to 100 (the model caps it at 1000).
  const limit = input?.Limit ?? 100;
  // AWS: a key past its deletion date is gone, with its aliases.
  await purgeExpiredKeys(ctx.db, ctx.accountId, ctx.region, ctx.now);
  const rows = await listKeyRows(ctx.db, ctx.accountId, ctx.region, readMarker(input?.Marker, scope), limit + 1);
  const page = pageOf(rows, limit, scope, (r) => r.key_id);
  return {
    Keys: page.items.map((r) => ({ KeyId: r.key_id, KeyArn: r.arn })),
    ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}),
    Truncated: page.Truncated,
  };
}

export const listKeysOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'ListKeys',
  // AWS: kms:ListKeys is authorised on "*" (no resource-level permissions).
  authorize: () => ({ resources: ['*'] }),
  handle: listKeys,
};
