import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listAccessKeys } from '../../iam/store/access-keys';
import { callerOrNamedUser, userResource } from './targets';
import { toAccessKeyMetadata } from './views';

type In = IamInput<'ListAccessKeys'>;
type Out = IamOutput<'ListAccessKeys'>;

export async function listAccessKeysOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await callerOrNamedUser(input.UserName, ctx);
  // A user holds at most two keys: one page always holds them all.
  const keys = await listAccessKeys(ctx.db, user.user_id);
  return { AccessKeyMetadata: keys.map((k) => toAccessKeyMetadata(k, user.user_name)), IsTruncated: false };
}

export const listAccessKeysOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListAccessKeys',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: listAccessKeysOp,
};
