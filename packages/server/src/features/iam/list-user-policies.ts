import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listInline } from './inline-policies';
import { userResource, userOwnerNamed } from './targets';

type In = IamInput<'ListUserPolicies'>;
type Out = IamOutput<'ListUserPolicies'>;

export async function listUserPoliciesOp(input: In, ctx: RequestContext): Promise<Out> {
  return listInline(ctx, await userOwnerNamed(ctx, input.UserName), { marker: input.Marker, maxItems: input.MaxItems });
}

export const listUserPoliciesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListUserPolicies',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: listUserPoliciesOp,
};
