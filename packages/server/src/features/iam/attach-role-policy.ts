import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { attach, policyArnContext } from './attached-policies';
import { roleResource, roleOwnerNamed } from './targets';

type In = IamInput<'AttachRolePolicy'>;
type Out = IamOutput<'AttachRolePolicy'>;

export async function attachRolePolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return attach(ctx, await roleOwnerNamed(ctx, input.RoleName), input.PolicyArn);
}

export const attachRolePolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'AttachRolePolicy',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)], context: policyArnContext(input.PolicyArn) }),
  handle: attachRolePolicyOp,
};
