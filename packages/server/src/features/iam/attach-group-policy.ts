import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { attach, policyArnContext } from './attached-policies';
import { groupResource, groupOwnerNamed } from './targets';

type In = IamInput<'AttachGroupPolicy'>;
type Out = IamOutput<'AttachGroupPolicy'>;

export async function attachGroupPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return attach(ctx, await groupOwnerNamed(ctx, input.GroupName), input.PolicyArn);
}

export const attachGroupPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'AttachGroupPolicy',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)], context: policyArnContext(input.PolicyArn) }),
  handle: attachGroupPolicyOp,
};
