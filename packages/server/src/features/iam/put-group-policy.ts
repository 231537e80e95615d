import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { putInline } from './inline-policies';
import { groupResource, groupOwnerNamed } from './targets';

type In = IamInput<'PutGroupPolicy'>;
type Out = IamOutput<'PutGroupPolicy'>;

/** Creates or replaces an inline policy of the group. */
export async function putGroupPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return putInline(ctx, await groupOwnerNamed(ctx, input.GroupName), input.PolicyName, input.PolicyDocument);
}

export const putGroupPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'PutGroupPolicy',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: putGroupPolicyOp,
};
