import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listAttached } from './attached-policies';
import { userResource, userOwnerNamed } from './targets';

type In = IamInput<'ListAttachedUserPolicies'>;
type Out = IamOutput<'ListAttachedUserPolicies'>;

export async function listAttachedUserPoliciesOp(input: In, ctx: RequestContext): Promise<Out> {
  return listAttached(ctx, await userOwnerNamed(ctx, input.UserName), { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: input.MaxItems });
}

export const listAttachedUserPoliciesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListAttachedUserPolicies',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: listAttachedUserPoliciesOp,
};
