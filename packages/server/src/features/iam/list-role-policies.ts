import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listInline } from './inline-policies';
import { roleResource, roleOwnerNamed } from './targets';

type In = IamInput<'ListRolePolicies'>;
type Out = IamOutput<'ListRolePolicies'>;

export async function listRolePoliciesOp(input: In, ctx: RequestContext): Promise<Out> {
  return listInline(ctx, await roleOwnerNamed(ctx, input.RoleName), { marker: input.Marker, maxItems: input.MaxItems });
}

export const listRolePoliciesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListRolePolicies',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: listRolePoliciesOp,
};
