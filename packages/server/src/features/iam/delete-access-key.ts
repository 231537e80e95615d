import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deleteAccessKey, getUserAccessKey } from '../../iam/store/access-keys';
import { callerOrNamedUser, userResource } from './targets';

type In = IamInput<'DeleteAccessKey'>;
type Out = IamOutput<'DeleteAccessKey'>;

export async function deleteAccessKeyOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await callerOrNamedUser(input.UserName, ctx);
  const key = await getUserAccessKey(ctx.db, user, input.AccessKeyId);
  await deleteAccessKey(ctx.db, key.access_key_id);
  return {};
}

export const deleteAccessKeyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeleteAccessKey',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: deleteAccessKeyOp,
};
