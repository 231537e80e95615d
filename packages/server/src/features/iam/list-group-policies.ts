import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listInline } from './inline-policies';
import { groupResource, groupOwnerNamed } from './targets';

type In = IamInput<'ListGroupPolicies'>;
type Out = IamOutput<'ListGroupPolicies'>;

export async function listGroupPoliciesOp(input: In, ctx: RequestContext): Promise<Out> {
  return listInline(ctx, await groupOwnerNamed(ctx, input.GroupName), { marker: input.Marker, maxItems: input.MaxItems });
}

export const listGroupPoliciesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListGroupPolicies',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: listGroupPoliciesOp,
};
