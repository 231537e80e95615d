import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { createLoginProfile } from '../../iam/store/login-profiles';
import { callerOrNamedUser, userResource } from './targets';
import { checkPassword } from './password-rules';

type In = IamInput<'CreateLoginProfile'>;
type Out = IamOutput<'CreateLoginProfile'>;

/** A console password for the user, stored as an scrypt hash. */
export async function createLoginProfileOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await callerOrNamedUser(input.UserName, ctx);
  const password = checkPassword(input.Password, user.user_name);
  const row = await createLoginProfile(ctx.db, user, password, input.PasswordResetRequired ?? false, ctx.now);
  return { LoginProfile: { UserName: user.user_name, CreateDate: new Date(row.created_at), PasswordResetRequired: row.password_reset_required === 1 } };
}

export const createLoginProfileOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'CreateLoginProfile',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: createLoginProfileOp,
  sensitiveInput: ['Password'],
};
