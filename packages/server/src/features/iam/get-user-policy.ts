import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getInline } from './inline-policies';
import { userResource, userOwnerNamed } from './targets';

type In = IamInput<'GetUserPolicy'>;
type Out = IamOutput<'GetUserPolicy'>;

/** AWS: the document comes back URL-encoded. */
export async function getUserPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return { UserName: input.UserName, ...(await getInline(ctx, await userOwnerNamed(ctx, input.UserName), input.PolicyName)) };
}

export const getUserPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetUserPolicy',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: getUserPolicyOp,
};
