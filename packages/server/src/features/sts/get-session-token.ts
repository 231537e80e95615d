import type { StsInput, StsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { identitySecrets } from '../../iam/credentials';
import { createSession } from '../../iam/store/sessions';
import { checkDuration, longTermUser } from './session-rules';

type In = StsInput<'GetSessionToken'>;
type Out = StsOutput<'GetSessionToken'>;

/** AWS: IAM users' session tokens last 12 hours by default and at most 36. */
const DEFAULT_DURATION = 43200;
const MAX_DURATION = 129600;

/** Temporary credentials that act as the calling IAM user. */
export async function getSessionToken(input: In, ctx: RequestContext): Promise<Out> {
  const user = await longTermUser(ctx, 'GetSessionToken');
  const duration = checkDuration(input.DurationSeconds, DEFAULT_DURATION, MAX_DURATION,
    `1 validation error detected: Value '${input.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${MAX_DURATION}`);
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
