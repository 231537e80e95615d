import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { putInline } from './inline-policies';
import { userResource, userOwnerNamed } from './targets';

type In = IamInput<'PutUserPolicy'>;
type Out = IamOutput<'PutUserPolicy'>;

/** Creates or replaces an inline policy of the user. */
export async function putUserPolicyOp(input: In, ctx: RequestContext): Promise<Out> {
  return putInline(ctx, await userOwnerNamed(ctx, input.UserName), input.PolicyName, input.PolicyDocument);
}

export const putUserPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'PutUserPolicy',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: putUserPolicyOp,
};
