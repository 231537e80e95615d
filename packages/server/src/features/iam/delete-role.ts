import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { deleteRole, getRole, roleDeleteConflict } from '../../iam/store/roles';
import { roleResource } from './targets';

type In = IamInput<'DeleteRole'>;
type Out = IamOutput<'DeleteRole'>;

/** AWS: a role with policies must be emptied first. Its live sessions stop working with it. */
export async function deleteRoleOp(input: In, ctx: RequestContext): Promise<Out> {
  const role = await getRole(ctx.db, ctx.accountId, input.RoleName);
  const conflict = await roleDeleteConflict(ctx.db, role);
  if (conflict) throw new AwsError('DeleteConflict', conflict, 409);
  await deleteRole(ctx.db, role);
  return {};
}

export const deleteRoleOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteRole',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: deleteRoleOp,
};
