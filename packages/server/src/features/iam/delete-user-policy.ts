import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deleteInline } from './inline-policies';
import { userResource, userOwnerNamed } from './targets';

type In = IamInput<'DeleteUserPolicy'>;
type Out = IamOutput<'DeleteUserPolicy'>;

export async function deleteUserPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return deleteInline(ctx, await userOwnerNamed(ctx, input.UserName), input.PolicyName);
}

export const deleteUserPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteUserPolicy',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: deleteUserPolicyOp,
};
