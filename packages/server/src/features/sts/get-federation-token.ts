import type { StsInput, StsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { federatedUserArn, identitySecrets } from '../../iam/credentials';
import { createSession } from '../../iam/store/sessions';
import { sessionPolicyOf } from './assume-role';
import { longTermUser, sessionTags, userTokenDuration } from './session-rules';

type In = StsInput<'GetFederationToken'>;
type Out = StsOutput<'GetFederationToken'>;

/**
 * Temporary credentials for a federated user (a proxy application's end user): they can do what
 * both the calling IAM user's policies and the session policies passed here allow — nothing
 * without a session policy — never an IAM call, and of STS only GetCallerIdentity (authorize.ts).
 */
export async function getFederationToken(input: In, ctx: RequestContext): Promise<Out> {
  const user = await longTermUser(ctx, 'GetFederationToken');
  const tags = sessionTags(input.Tags);
  const duration = userTokenDuration(input.DurationSeconds);
  const sessionPolicy = await sessionPolicyOf(input, ctx, user.account_id);
  const expiresAt = new Date(ctx.now.getTime() + duration * 1000);
  const issued = await createSession(ctx.db, identitySecrets(), {
    accountId: user.account_id, kind: 'federated-user', userId: user.user_id, sessionName: input.Name, sessionTags: tags, expiresAt,
    ...(sessionPolicy ? { sessionPolicy } : {}),
  }, ctx.now);
  return {
    Credentials: { AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: issued.expiresAt },
    FederatedUser: { FederatedUserId: `${user.account_id}:${input.Name}`, Arn: federatedUserArn(user.account_id, input.Name) },
  };
}

export const getFederationTokenOperation: OperationDef<In, Out> = {
  service: 'sts',
  name: 'GetFederationToken',
  // AWS: on the federated user's ARN, with the request's tags as aws:RequestTag/*.
  authorize: (input, ctx) => ({
    resources: [federatedUserArn(ctx.accountId, input.Name)],
    context: {
      ...Object.fromEntries((input.Tags ?? []).map((t) => [`aws:RequestTag/${t.Key}`, t.Value])),
      ...(input.Tags?.length ? { 'aws:TagKeys': input.Tags.map((t) => t.Key) } : {}),
    },
  }),
  handle: getFederationToken,
  readOnly: true,
};
