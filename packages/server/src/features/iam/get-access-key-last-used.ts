import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { findAccessKey } from '../../iam/store/access-keys';
import { getUserById } from '../../iam/store/users';

type In = IamInput<'GetAccessKeyLastUsed'>;
type Out = IamOutput<'GetAccessKeyLastUsed'>;

async function keyOwner(ctx: RequestContext, accessKeyId: string) {
  const key = await findAccessKey(ctx.db, accessKeyId);
  const user = key && key.account_id === ctx.accountId ? await getUserById(ctx.db, key.user_id) : undefined;
  return key && user ? { key, user } : undefined;
}

export async function getAccessKeyLastUsed(input: In, ctx: RequestContext): Promise<Out> {
  const found = await keyOwner(ctx, input.AccessKeyId);
  if (!found) throw new AwsError('NoSuchEntity', `The Access Key with id ${input.AccessKeyId} cannot be found.`, 404);
  const { key, user } = found;
  return {
    UserName: user.user_name,
    // AWS: a key never used reports ServiceName and Region as "N/A" and no date.
    AccessKeyLastUsed: key.last_used_at
      ? { LastUsedDate: new Date(key.last_used_at), ServiceName: key.last_used_service ?? 'N/A', Region: key.last_used_region ?? 'N/A' }
      : { ServiceName: 'N/A', Region: 'N/A' },
  };
}

export const getAccessKeyLastUsedOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetAccessKeyLastUsed',
  // AWS: authorised on the user that owns the key.
  authorize: async (input, ctx) => {
    const found = await keyOwner(ctx, input.AccessKeyId);
    return { resources: [found ? found.user.arn : `arn:aws:iam::${ctx.accountId}:user/*`] };
  },
  handle: getAccessKeyLastUsed,
};
