import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { getGroup, removeUserFromGroup } from '../../iam/store/groups';
import { getUser } from '../../iam/store/users';
import { groupResource } from './targets';

type In = IamInput<'RemoveUserFromGroup'>;
type Out = IamOutput<'RemoveUserFromGroup'>;

export async function removeUserFromGroupOp(input: In, ctx: RequestContext): Promise<Out> {
  const group = await getGroup(ctx.db, ctx.accountId, input.GroupName);
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  if (!(await removeUserFromGroup(ctx.db, group, user))) {
    throw new AwsError('NoSuchEntity', `The user with name ${input.UserName} cannot be found in group ${input.GroupName}.`, 404);
  }
  return {};
}

export const removeUserFromGroupOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'RemoveUserFromGroup',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: removeUserFromGroupOp,
};
