import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { detach, policyArnContext } from './attached-policies';
import { roleResource, roleOwnerNamed } from './targets';

type In = IamInput<'DetachRolePolicy'>;
type Out = IamOutput<'DetachRolePolicy'>;

export async function detachRolePolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return detach(ctx, await roleOwnerNamed(ctx, input.RoleName), input.PolicyArn);
}

export const detachRolePolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DetachRolePolicy',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)], context: policyArnContext(input.PolicyArn) }),
  handle: detachRolePolicyOp,
};
