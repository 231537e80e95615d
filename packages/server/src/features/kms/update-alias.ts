import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { findAliasRow, retargetAlias } from '../../kms/alias-store';
import { findKeyRow } from '../../kms/key-store';
import { tagsOfKey } from '../../kms/tag-store';
import { keyOfRequest } from './key-access';
import { aliasArnOf, aliasTarget, checkAliasName } from './alias-rules';

type In = KmsInput<'UpdateAlias'>;
type Out = KmsOutput<'UpdateAlias'>;

async function existingAlias(ctx: RequestContext, name: string) {
  checkAliasName(name);
  const alias = await findAliasRow(ctx.db, ctx.accountId, ctx.region, name);
  if (!alias) throw new AwsError('NotFoundException', `Alias ${aliasArnOf(ctx, name)} is not found.`);
  return alias;
}

export async function updateAlias(input: In, ctx: RequestContext): Promise<Out> {
  await existingAlias(ctx, input.AliasName);
  const key = await aliasTarget(ctx, input, input.TargetKeyId);
  await retargetAlias(ctx.db, ctx.accountId, ctx.region, input.AliasName, key.key_id, ctx.now.toISOString());
  return {};
}

export const updateAliasOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'UpdateAlias',
  // AWS: kms:UpdateAlias on the alias, the key it points at now and the key it will point at.
  async authorize(input, ctx) {
    const alias = await existingAlias(ctx, input.AliasName);
    const current = await findKeyRow(ctx.db, ctx.accountId, ctx.region, alias.target_key_id);
    const next = await keyOfRequest(ctx, input, input.TargetKeyId);
    const keys = current ? [current, next] : [next];
    return {
      resources: [alias.alias_arn, ...await Promise.all(keys.map(async (k) => ({ arn: k.arn, tags: await tagsOfKey(ctx.db, k.key_id) })))],
    };
  },
  handle: updateAlias,
};

export { existingAlias };
