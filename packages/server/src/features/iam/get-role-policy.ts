import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getInline } from './inline-policies';
import { roleResource, roleOwnerNamed } from './targets';

type In = IamInput<'GetRolePolicy'>;
type Out = IamOutput<'GetRolePolicy'>;

/** AWS: the document comes back URL-encoded. */
export async function getRolePolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return { RoleName: input.RoleName, ...(await getInline(ctx, await roleOwnerNamed(ctx, input.RoleName), input.PolicyName)) };
}

export const getRolePolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetRolePolicy',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: getRolePolicyOp,
};
