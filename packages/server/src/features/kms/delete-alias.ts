import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deleteAliasRow } from '../../kms/alias-store';
import { findKeyRow } from '../../kms/key-store';
import { tagsOfKey } from '../../kms/tag-store';
import { existingAlias } from './update-alias';

type In = KmsInput<'DeleteAlias'>;
type Out = KmsOutput<'DeleteAlias'>;

export async function deleteAlias(input: In, ctx: RequestContext): Promise<Out> {
  await existingAlias(ctx, input.AliasName);
  await deleteAliasRow(ctx.db, ctx.accountId, ctx.region, input.AliasName);
  return {};
}

export const deleteAliasOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'DeleteAlias',
  // AWS: kms:DeleteAlias on the alias and on the key it points at.
  async authorize(input, ctx) {
    const alias = await existingAlias(ctx, input.AliasName);
    const key = await findKeyRow(ctx.db, ctx.accountId, ctx.region, alias.target_key_id);
    return { resources: [alias.alias_arn, ...(key ? [{ arn: key.arn, tags: await tagsOfKey(ctx.db, key.key_id) }] : [])] };
  },
  handle: deleteAlias,
};
