import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { attach, policyArnContext } from './attached-policies';
import { userResource, userOwnerNamed } from './targets';

type In = IamInput<'AttachUserPolicy'>;
type Out = IamOutput<'AttachUserPolicy'>;

export async function attachUserPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return attach(ctx, await userOwnerNamed(ctx, input.UserName), input.PolicyArn);
}

export const attachUserPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'AttachUserPolicy',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)], context: policyArnContext(input.PolicyArn) }),
  handle: attachUserPolicyOp,
};
