import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listUsers } from '../../iam/store/users';
import { pageMembers, toUser } from './views';

type In = IamInput<'ListUsers'>;
type Out = IamOutput<'ListUsers'>;

export async function listUsersOp(input: In, ctx: RequestContext): Promise<Out> {
  const page = await listUsers(ctx.db, ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: input.MaxItems });
  // AWS: ListUsers leaves tags out; GetUser and ListUserTags show them.
  return { Users: page.items.map((u) => toUser(u)), ...pageMembers(page) };
}

export const listUsersOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListUsers',
  // AWS: iam:ListUsers is authorised on the account's users, user/<path>*.
  authorize: (input, ctx) => ({ resources: [`arn:aws:iam::${ctx.accountId}:user${input.PathPrefix ?? '/'}*`] }),
  handle: listUsersOp,
};
