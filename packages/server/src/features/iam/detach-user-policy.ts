import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { detach, policyArnContext } from './attached-policies';
import { userResource, userOwnerNamed } from './targets';

type In = IamInput<'DetachUserPolicy'>;
type Out = IamOutput<'DetachUserPolicy'>;

export async function detachUserPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return detach(ctx, await userOwnerNamed(ctx, input.UserName), input.PolicyArn);
}

export const detachUserPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DetachUserPolicy',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)], context: policyArnContext(input.PolicyArn) }),
  handle: detachUserPolicyOp,
};
