import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { deleteGroup, getGroup, groupDeleteConflict } from '../../iam/store/groups';
import { groupResource } from './targets';

type In = IamInput<'DeleteGroup'>;
type Out = IamOutput<'DeleteGroup'>;

/** AWS: a group with members or policies must be emptied first. */
export async function deleteGroupOp(input: In, ctx: RequestContext): Promise<Out> {
  const group = await getGroup(ctx.db, ctx.accountId, input.GroupName);
  const conflict = await groupDeleteConflict(ctx.db, group);
  if (conflict) throw new AwsError('DeleteConflict', conflict, 409);
  await deleteGroup(ctx.db, group);
  return {};
}

export const deleteGroupOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteGroup',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: deleteGroupOp,
};
