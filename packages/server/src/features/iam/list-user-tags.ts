import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listTags } from '../../iam/store/tags';
import { getUser } from '../../iam/store/users';
import { userResource } from './targets';

type In = IamInput<'ListUserTags'>;
type Out = IamOutput<'ListUserTags'>;

export async function listUserTags(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  // At most 50 tags: one page always holds them all.
  return { Tags: await listTags(ctx.db, { kind: 'user', id: user.user_id }), IsTruncated: false };
}

export const listUserTagsOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListUserTags',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: listUserTags,
};
