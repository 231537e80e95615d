import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { deleteUser, getUser, userDeleteConflict } from '../../iam/store/users';
import { userResource } from './targets';

type In = IamInput<'DeleteUser'>;
type Out = IamOutput<'DeleteUser'>;

/** AWS: a user with keys, a password, policies or group memberships must be emptied first. */
export async function deleteUserOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  const conflict = await userDeleteConflict(ctx.db, user);
  if (conflict) throw new AwsError('DeleteConflict', conflict, 409);
  await deleteUser(ctx.db, user);
  return {};
}

export const deleteUserOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteUser',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: deleteUserOp,
};
