import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { detach, policyArnContext } from './attached-policies';
import { groupResource, groupOwnerNamed } from './targets';

type In = IamInput<'DetachGroupPolicy'>;
type Out = IamOutput<'DetachGroupPolicy'>;

export async function detachGroupPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return detach(ctx, await groupOwnerNamed(ctx, input.GroupName), input.PolicyArn);
}

export const detachGroupPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DetachGroupPolicy',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)], context: policyArnContext(input.PolicyArn) }),
  handle: detachGroupPolicyOp,
};
