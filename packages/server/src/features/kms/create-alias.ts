import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { insertAliasRow } from '../../kms/alias-store';
import { tagsOfKey } from '../../kms/tag-store';
import { keyConditions, keyOfRequest } from './key-access';
import { aliasArnOf, aliasTarget, checkAliasName } from './alias-rules';

type In = KmsInput<'CreateAlias'>;
type Out = KmsOutput<'CreateAlias'>;

export async function createAlias(input: In, ctx: RequestContext): Promise<Out> {
  checkAliasName(input.AliasName);
  const key = await aliasTarget(ctx, input, input.TargetKeyId);
  const now = ctx.now.toISOString();
  const arn = aliasArnOf(ctx, input.AliasName);
  const inserted = await insertAliasRow(ctx.db, {
    account_id: ctx.accountId, region: ctx.region, alias_name: input.AliasName, alias_arn: arn,
    target_key_id: key.key_id, created_at: now, updated_at: now,
  });
  if (!inserted) throw new AwsError('AlreadyExistsException', `An alias with the name ${arn} already exists`);
  return {};
}

export const createAliasOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'CreateAlias',
  // AWS: kms:CreateAlias is needed on the alias and on the key it will point at.
  async authorize(input, ctx) {
    checkAliasName(input.AliasName);
    const key = await keyOfRequest(ctx, input, input.TargetKeyId);
    return {
      resources: [aliasArnOf(ctx, input.AliasName), { arn: key.arn, tags: await tagsOfKey(ctx.db, key.key_id) }],
      context: keyConditions(key),
    };
  },
  handle: createAlias,
};
