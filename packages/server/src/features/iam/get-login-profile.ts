import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getLoginProfile } from '../../iam/store/login-profiles';
import { callerOrNamedUser, userResource } from './targets';

type In = IamInput<'GetLoginProfile'>;
type Out = IamOutput<'GetLoginProfile'>;

/** Whether the user has a console password (never the password itself). */
export async function getLoginProfileOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await callerOrNamedUser(input.UserName, ctx);
  const row = await getLoginProfile(ctx.db, user);
  return { LoginProfile: { UserName: user.user_name, CreateDate: new Date(row.created_at), PasswordResetRequired: row.password_reset_required === 1 } };
}

export const getLoginProfileOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetLoginProfile',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: getLoginProfileOp,
};
