import type { StsInput, StsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { identitySecrets } from '../../iam/credentials';
import { createSession } from '../../iam/store/sessions';
import { longTermUser, userTokenDuration } from './session-rules';

type In = StsInput<'GetSessionToken'>;
type Out = StsOutput<'GetSessionToken'>;

/** Temporary credentials that act as the calling IAM user. */
export async function getSessionToken(input: In, ctx: RequestContext): Promise<Out> {
  const user = await longTermUser(ctx, 'GetSessionToken');
  const duration = userTokenDuration(input.DurationSeconds);
  const expiresAt = new Date(ctx.now.getTime() + duration * 1000);
  const issued = await createSession(ctx.db, identitySecrets(), { accountId: user.account_id, kind: 'user', userId: user.user_id, expiresAt }, ctx.now);
  return {
    Credentials: {
      AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: issued.expiresAt,
    },
  };
}

export const getSessionTokenOperation: OperationDef<In, Out> = {
  service: 'sts',
  name: 'GetSessionToken',
  authorize: () => ({ resources: ['*'] }),
  handle: getSessionToken,
  readOnly: true,
};
