import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getRole, updateRole } from '../../iam/store/roles';
import { checkMaxSessionDuration } from './role-rules';
import { roleResource } from './targets';

type In = IamInput<'UpdateRole'>;
type Out = IamOutput<'UpdateRole'>;

export async function updateRoleOp(input: In, ctx: RequestContext): Promise<Out> {
  const role = await getRole(ctx.db, ctx.accountId, input.RoleName);
  await updateRole(ctx.db, role, { description: input.Description, maxSessionDuration: checkMaxSessionDuration(input.MaxSessionDuration) });
  return {};
}

export const updateRoleOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UpdateRole',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: updateRoleOp,
};
