import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { updateLoginProfile } from '../../iam/store/login-profiles';
import { getUser } from '../../iam/store/users';
import { userResource } from './targets';
import { checkPassword } from './password-rules';

type In = IamInput<'UpdateLoginProfile'>;
type Out = IamOutput<'UpdateLoginProfile'>;

export async function updateLoginProfileOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  const password = input.Password !== undefined ? checkPassword(input.Password, user.user_name) : undefined;
  await updateLoginProfile(ctx.db, user, { password, resetRequired: input.PasswordResetRequired });
  return {};
}

export const updateLoginProfileOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UpdateLoginProfile',
  authorize: async (input, ctx) => ({ resources: [await userResource(ctx, input.UserName)] }),
  handle: updateLoginProfileOp,
  sensitiveInput: ['Password'],
};
