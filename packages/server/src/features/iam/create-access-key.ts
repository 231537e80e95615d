import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { identitySecrets } from '../../iam/credentials';
import { createAccessKey } from '../../iam/store/access-keys';
import { callerOrNamedUser, userResource } from './targets';

type In = IamInput<'CreateAccessKey'>;
type Out = IamOutput<'CreateAccessKey'>;

/** AWS: the secret appears in this answer only; it cannot be read back later. */
export async function createAccessKeyOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await callerOrNamedUser(input.UserName, ctx);
  const { row, secretAccessKey } = await createAccessKey(ctx.db, identitySecrets(), user, ctx.now);
  return {
    AccessKey: {
      UserName: user.user_name,
      AccessKeyId: row.access_key_id,
      Status: row.status,
      SecretAccessKey: secretAccessKey,
      CreateDate: new Date(row.created_at),
    },
  };
}

export const createAccessKeyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'CreateAccessKey',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: createAccessKeyOp,
};
