import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getInline } from './inline-policies';
import { groupResource, groupOwnerNamed } from './targets';

type In = IamInput<'GetGroupPolicy'>;
type Out = IamOutput<'GetGroupPolicy'>;

/** AWS: the document comes back URL-encoded. */
export async function getGroupPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return { GroupName: input.GroupName, ...(await getInline(ctx, await groupOwnerNamed(ctx, input.GroupName), input.PolicyName)) };
}

export const getGroupPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetGroupPolicy',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: getGroupPolicyOp,
};
