import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getGroup, listGroupMembers } from '../../iam/store/groups';
import { groupResource } from './targets';
import { pageMembers, toGroup, toUser } from './views';

type In = IamInput<'GetGroup'>;
type Out = IamOutput<'GetGroup'>;

/** The group and a page of its users. */
export async function getGroupOp(input: In, ctx: RequestContext): Promise<Out> {
  const group = await getGroup(ctx.db, ctx.accountId, input.GroupName);
  const page = await listGroupMembers(ctx.db, group, { marker: input.Marker, maxItems: input.MaxItems });
  return { Group: toGroup(group), Users: page.items.map((u) => toUser(u)), ...pageMembers(page) };
}

export const getGroupOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetGroup',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: getGroupOp,
};
