import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { getUserAccessKey, setAccessKeyStatus } from '../../iam/store/access-keys';
import { callerOrNamedUser, userResource } from './targets';

type In = IamInput<'UpdateAccessKey'>;
type Out = IamOutput<'UpdateAccessKey'>;

/** Active ↔ Inactive; an inactive key stops signing requests at once. */
export async function updateAccessKeyOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await callerOrNamedUser(input.UserName, ctx);
  const key = await getUserAccessKey(ctx.db, user, input.AccessKeyId);
  // AWS: "Expired" is an output-only status; a caller may only switch between Active and Inactive.
  if (input.Status === 'Expired') throw new AwsError('InvalidInput', 'Invalid status: Expired. Valid values are Active and Inactive.');
  await setAccessKeyStatus(ctx.db, key.access_key_id, input.Status);
  return {};
}

export const updateAccessKeyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UpdateAccessKey',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: updateAccessKeyOp,
};
