import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deleteInline } from './inline-policies';
import { roleResource, roleOwnerNamed } from './targets';

type In = IamInput<'DeleteRolePolicy'>;
type Out = IamOutput<'DeleteRolePolicy'>;

export async function deleteRolePolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return deleteInline(ctx, await roleOwnerNamed(ctx, input.RoleName), input.PolicyName);
}

export const deleteRolePolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteRolePolicy',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: deleteRolePolicyOp,
};
