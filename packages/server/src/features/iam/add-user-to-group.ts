import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { addUserToGroup, getGroup, groupIdsOfUser } from '../../iam/store/groups';
import { getUser } from '../../iam/store/users';
import { groupResource } from './targets';

type In = IamInput<'AddUserToGroup'>;
type Out = IamOutput<'AddUserToGroup'>;

/** AWS: a user may belong to at most ten groups. */
const GROUPS_PER_USER = 10;

export async function addUserToGroupOp(input: In, ctx: RequestContext): Promise<Out> {
  const group = await getGroup(ctx.db, ctx.accountId, input.GroupName);
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  const current = await groupIdsOfUser(ctx.db, user.user_id);
  if (!current.includes(group.group_id) && current.length >= GROUPS_PER_USER) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`, 409);
  }
  await addUserToGroup(ctx.db, group, user);
  return {};
}

export const addUserToGroupOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'AddUserToGroup',
  // AWS: authorised on the group.
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: addUserToGroupOp,
};
