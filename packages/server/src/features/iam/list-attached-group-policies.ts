import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listAttached } from './attached-policies';
import { groupResource, groupOwnerNamed } from './targets';

type In = IamInput<'ListAttachedGroupPolicies'>;
type Out = IamOutput<'ListAttachedGroupPolicies'>;

export async function listAttachedGroupPoliciesOp(input: In, ctx: RequestContext): Promise<Out> {
  return listAttached(ctx, await groupOwnerNamed(ctx, input.GroupName), { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: input.MaxItems });
}

export const listAttachedGroupPoliciesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListAttachedGroupPolicies',
  authorize: async (input, ctx) => ({ resources: [await groupResource(ctx, input.GroupName)] }),
  handle: listAttachedGroupPoliciesOp,
};
