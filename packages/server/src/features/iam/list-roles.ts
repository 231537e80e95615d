import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listRoles } from '../../iam/store/roles';
import { pageMembers, toRole } from './views';

type In = IamInput<'ListRoles'>;
type Out = IamOutput<'ListRoles'>;

export async function listRolesOp(input: In, ctx: RequestContext): Promise<Out> {
  const page = await listRoles(ctx.db, ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: input.MaxItems });
  // AWS: ListRoles shows neither tags nor RoleLastUsed; GetRole does.
  return { Roles: page.items.map((r) => toRole(r, undefined, false)), ...pageMembers(page) };
}

export const listRolesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListRoles',
  authorize: (input, ctx) => ({ resources: [`arn:aws:iam::${ctx.accountId}:role${input.PathPrefix ?? '/'}*`] }),
  handle: listRolesOp,
};
