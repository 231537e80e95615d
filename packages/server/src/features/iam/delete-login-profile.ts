import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deleteLoginProfile } from '../../iam/store/login-profiles';
import { callerOrNamedUser, userResource } from './targets';

type In = IamInput<'DeleteLoginProfile'>;
type Out = IamOutput<'DeleteLoginProfile'>;

export async function deleteLoginProfileOp(input: In, ctx: RequestContext): Promise<Out> {
  await deleteLoginProfile(ctx.db, await callerOrNamedUser(input.UserName, ctx));
  return {};
}

export const deleteLoginProfileOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteLoginProfile',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: deleteLoginProfileOp,
};
