import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listAttached } from './attached-policies';
import { roleResource, roleOwnerNamed } from './targets';

type In = IamInput<'ListAttachedRolePolicies'>;
type Out = IamOutput<'ListAttachedRolePolicies'>;

export async function listAttachedRolePoliciesOp(input: In, ctx: RequestContext): Promise<Out> {
  return listAttached(ctx, await roleOwnerNamed(ctx, input.RoleName), { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: input.MaxItems });
}

export const listAttachedRolePoliciesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListAttachedRolePolicies',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: listAttachedRolePoliciesOp,
};
