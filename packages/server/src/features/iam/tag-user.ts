import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { putTags } from '../../iam/store/tags';
import { getUser } from '../../iam/store/users';
import { checkTags, requestTagContext } from './tags';
import { userResource } from './targets';

type In = IamInput<'TagUser'>;
type Out = IamOutput<'TagUser'>;

export async function tagUser(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  await putTags(ctx.db, { kind: 'user', id: user.user_id, accountId: ctx.accountId }, checkTags(input.Tags));
  return {};
}

export const tagUserOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'TagUser',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)], context: requestTagContext(input.Tags) }),
  handle: tagUser,
};
