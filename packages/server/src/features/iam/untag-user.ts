import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { removeTags } from '../../iam/store/tags';
import { getUser } from '../../iam/store/users';
import { tagKeysContext } from './tags';
import { userResource } from './targets';

type In = IamInput<'UntagUser'>;
type Out = IamOutput<'UntagUser'>;

export async function untagUser(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  await removeTags(ctx.db, { kind: 'user', id: user.user_id }, input.TagKeys);
  return {};
}

export const untagUserOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UntagUser',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)], context: tagKeysContext(input.TagKeys) }),
  handle: untagUser,
};
