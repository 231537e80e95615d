import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getRole } from '../../iam/store/roles';
import { listTags } from '../../iam/store/tags';
import { roleResource } from './targets';
import { toRole } from './views';

type In = IamInput<'GetRole'>;
type Out = IamOutput<'GetRole'>;

export async function getRoleOp(input: In, ctx: RequestContext): Promise<Out> {
  const role = await getRole(ctx.db, ctx.accountId, input.RoleName);
  return { Role: toRole(role, await listTags(ctx.db, { kind: 'role', id: role.role_id })) };
}

export const getRoleOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetRole',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: getRoleOp,
};
