import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { getLoginProfile, updateLoginProfile, verifyPassword } from '../../iam/store/login-profiles';
import { getUser } from '../../iam/store/users';
import { SignInLimiter } from '../../console/rate-limit';
import { checkPassword } from './password-rules';
import { userResource } from './targets';

type In = IamInput<'ChangePassword'>;
type Out = IamOutput<'ChangePassword'>;

/**
 * AWS: ChangePassword acts only on the IAM user who calls it. The root user changes its password
 * elsewhere, and a role session has no password at all: both get InvalidUserType.
 */
function callingUserName(ctx: RequestContext): string {
  const { principal } = ctx;
  if (principal.type !== 'user' || !principal.userName) {
    throw new AwsError('InvalidUserType', 'Only an IAM user can change its own password with ChangePassword; these credentials are not an IAM user\'s.');
  }
  return principal.userName;
}

/**
 * Wrong old passwords per user, as the console's sign-in counts wrong passwords: whoever holds a
 * user's access key must not be able to guess the user's console password at full speed here.
 * In memory, per server process; AWS documents no such limit, so its size is Bosun's.
 */
const wrongOldPasswords = new SignInLimiter(5, 5 * 60_000);

/** The caller's new console password, given the current one; clears PasswordResetRequired. */
export async function changePasswordOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, callingUserName(ctx));
  // AWS: a user without a console password gets GetLoginProfile's NoSuchEntity.
  const profile = await getLoginProfile(ctx.db, user);
  const wait = wrongOldPasswords.retryAfter(user.user_id, ctx.now.getTime());
  if (wait > 0) {
    throw new AwsError('LimitExceeded', `Too many wrong old passwords for this user. Try again in ${Math.ceil(wait / 1000)} seconds.`, 409);
  }
  if (!(await verifyPassword(input.OldPassword, profile.password_hash))) {
    wrongOldPasswords.fail(user.user_id, ctx.now.getTime());
    // AWS lists no error for a wrong old password. Bosun's choice: AccessDenied (403), as for any
    // request the caller may not make, with a message that says which input was wrong (never
    // the input itself).
    throw new AwsError('AccessDenied', 'The old password is incorrect: enter your current console password.', 403);
  }
  const password = checkPassword(input.NewPassword, user.user_name);
  wrongOldPasswords.succeed(user.user_id);
  await updateLoginProfile(ctx.db, user, { password, resetRequired: false });
  return {};
}

export const changePasswordOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ChangePassword',
  // AWS: authorised as iam:ChangePassword on the caller's own user, which is what the managed
  // policy IAMUserChangePassword (Resource arn:aws:iam::*:user/${aws:username}) allows.
  authorize: async (_input, ctx) => ({ resources: [await userResource(ctx, callingUserName(ctx))] }),
  handle: changePasswordOp,
  sensitiveInput: ['OldPassword', 'NewPassword'],
};
