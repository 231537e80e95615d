import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deleteInline } from './inline-policies';
import { groupResource, groupOwnerNamed } from './targets';

type In = IamInput<'DeleteGroupPolicy'>;
type Out = IamOutput<'DeleteGroupPolicy'>;

export async function deleteGroupPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return deleteInline(ctx, await groupOwnerNamed(ctx, input.GroupName), input.PolicyName);
}

export const deleteGroupPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteGroupPolicy',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: deleteGroupPolicyOp,
};
