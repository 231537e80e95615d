import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getRole, updateRole } from '../../iam/store/roles';
import { listTags } from '../../iam/store/tags';
import { roleResource } from './targets';
import { toRole } from './views';

type In = IamInput<'UpdateRoleDescription'>;
type Out = IamOutput<'UpdateRoleDescription'>;

export async function updateRoleDescription(input: In, ctx: RequestContext): Promise<Out> {
  const role = await updateRole(ctx.db, await getRole(ctx.db, ctx.accountId, input.RoleName), { description: input.Description });
  return { Role: toRole(role, await listTags(ctx.db, { kind: 'role', id: role.role_id })) };
}

export const updateRoleDescriptionOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UpdateRoleDescription',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: updateRoleDescription,
};
