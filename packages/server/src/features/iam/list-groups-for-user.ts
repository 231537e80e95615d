import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listGroupsOfUser } from '../../iam/store/groups';
import { getUser } from '../../iam/store/users';
import { userResource } from './targets';
import { pageMembers, toGroup } from './views';

type In = IamInput<'ListGroupsForUser'>;
type Out = IamOutput<'ListGroupsForUser'>;

export async function listGroupsForUser(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  const page = await listGroupsOfUser(ctx.db, user, { marker: input.Marker, maxItems: input.MaxItems });
  return { Groups: page.items.map(toGroup), ...pageMembers(page) };
}

export const listGroupsForUserOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListGroupsForUser',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: listGroupsForUser,
};
