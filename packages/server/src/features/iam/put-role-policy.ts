import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { putInline } from './inline-policies';
import { roleResource, roleOwnerNamed } from './targets';

type In = IamInput<'PutRolePolicy'>;
type Out = IamOutput<'PutRolePolicy'>;

/** Creates or replaces an inline policy of the role. */
export async function putRolePolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return putInline(ctx, await roleOwnerNamed(ctx, input.RoleName), input.PolicyName, input.PolicyDocument);
}

export const putRolePolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'PutRolePolicy',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: putRolePolicyOp,
};
