import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listTags } from '../../iam/store/tags';
import { callerOrNamedUser, userResource } from './targets';
import { toUser } from './views';

type In = IamInput<'GetUser'>;
type Out = IamOutput<'GetUser'>;

/** AWS: without UserName, GetUser describes the calling user. */
export async function getUserOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await callerOrNamedUser(input.UserName, ctx);
  return { User: toUser(user, await listTags(ctx.db, { kind: 'user', id: user.user_id })) };
}

export const getUserOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetUser',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: getUserOp,
};
