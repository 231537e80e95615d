import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listAliasRows } from '../../kms/alias-store';
import { purgeExpiredKeys } from '../../kms/expiry';
import { findKey } from '../../kms/resolve';
import { pageOf, readMarker } from './list-marker';

type In = KmsInput<'ListAliases'>;
type Out = KmsOutput<'ListAliases'>;

export async function listAliases(input: In, ctx: RequestContext): Promise<Out> {
  await purgeExpiredKeys(ctx.db, ctx.accountId, ctx.region, ctx.now);
  const keyId = input?.KeyId ? (await findKey(ctx, input.KeyId)).key_id : undefined;
  const scope = `kms:ListAliases:${ctx.accountId}:${ctx.region}:${keyId ?? ''}`;
  // AWS: Limit defaults to 50 (the model caps it at 100).
  const limit = input?.Limit ?? 50;
  const rows = await listAliasRows(ctx.db, ctx.accountId, ctx.region, { keyId, after: readMarker(input?.Marker, scope), limit: limit + 1 });
  const page = pageOf(rows, limit, scope, (r) => r.alias_name);
  return {
    Aliases: page.items.map((r) => ({
      AliasName: r.alias_name,
      AliasArn: r.alias_arn,
      TargetKeyId: r.target_key_id,
      CreationDate: new Date(r.created_at),
      LastUpdatedDate: new Date(r.updated_at),
    })),
    ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}),
    Truncated: page.Truncated,
  };
}

export const listAliasesOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'ListAliases',
  // AWS: kms:ListAliases has no resource-level permissions.
  authorize: () => ({ resources: ['*'] }),
  handle: listAliases,
};
