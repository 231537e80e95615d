import type { StsInput, StsOutput } from '@bosun/protocol';
import type { OperationDef, PolicyDocument, RequestContext, ResourceRef } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { evaluateTrust, globalContext, PolicyError } from '../../iam/policy/index';
import { assumedRoleArn, identitySecrets } from '../../iam/credentials';
import { markRoleUsed } from '../../iam/store/roles';
import { createSession } from '../../iam/store/sessions';
import { getManagedPolicy } from '../../iam/store/managed-policies';
import { encodeSessionPolicy } from '../../iam/session-policy';
import { checkPolicyDocument } from '../iam/policy-text';
import { tagMap } from '../../iam/store/tags';
import { findRoleByArn } from './role-arn';
import { CHAINED_ROLE_MAX, checkDuration, checkSessionName, sessionTags } from './session-rules';

type In = StsInput<'AssumeRole'>;
type Out = StsOutput<'AssumeRole'>;

/** AWS answers the same AccessDenied whether the role is missing or its trust policy refuses. */
const denied = (ctx: RequestContext, roleArn: string) =>
  new AwsError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);

function trustContext(input: In, ctx: RequestContext, tags: Record<string, string>) {
  return {
    ...globalContext({ principal: ctx.principal, sourceIp: ctx.sourceIp, now: ctx.now, secureTransport: ctx.secureTransport, region: ctx.region, userAgent: ctx.userAgent }),
    'sts:RoleSessionName': input.RoleSessionName,
    ...(input.ExternalId !== undefined ? { 'sts:ExternalId': input.ExternalId } : {}),
    ...(input.SourceIdentity !== undefined ? { 'sts:SourceIdentity': input.SourceIdentity } : {}),
    ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
    ...(Object.keys(tags).length ? { 'aws:TagKeys': Object.keys(tags) } : {}),
  };
}

/**
 * The session policies asked for (AssumeRole, GetFederationToken), checked and encoded for the
 * session row; undefined for none. AWS: Policy is an identity policy document (IAM's MalformedPolicyDocument for a bad one);
 * PolicyArns name managed policies of the role's account or AWS's. For an ARN naming no such
 * policy AWS documents no error: Bosun answers MalformedPolicyDocument, one of AssumeRole's own.
 */
export async function sessionPolicyOf(input: Pick<In, 'Policy' | 'PolicyArns'>, ctx: RequestContext, accountId: string): Promise<string | undefined> {
  if (input.Policy === undefined && !input.PolicyArns?.length) return undefined;
  const inline = input.Policy !== undefined ? (JSON.parse(checkPolicyDocument(input.Policy)) as PolicyDocument) : undefined;
  const arns = [...new Set((input.PolicyArns ?? []).map((p) => p.arn).filter((a): a is string => !!a))];
  for (const arn of arns) {
    try {
      await getManagedPolicy(ctx.db, accountId, arn);
    } catch (e) {
      if (e instanceof AwsError && e.code === 'NoSuchEntity') throw new AwsError('MalformedPolicyDocument', `The managed session policy ${arn} does not exist.`, 400);
      throw e;
    }
  }
  return encodeSessionPolicy({ inline, arns });
}

export async function assumeRole(input: In, ctx: RequestContext): Promise<Out> {
  const sessionName = checkSessionName(input.RoleSessionName);
  const tags = sessionTags(input.Tags);
  const role = await findRoleByArn(ctx.db, input.RoleArn);
  if (!role) throw denied(ctx, input.RoleArn);
  let decision: string;
  try {
    decision = evaluateTrust(JSON.parse(role.trust_policy), {
      principalArn: ctx.principal.arn, accountId: ctx.principal.accountId, action: 'sts:AssumeRole', context: trustContext(input, ctx, tags),
    }).decision;
  } catch (e) {
    // A trust policy that no longer parses trusts nobody.
    if (e instanceof PolicyError || e instanceof SyntaxError) throw denied(ctx, input.RoleArn);
    throw e;
  }
  if (decision !== 'Allow') throw denied(ctx, input.RoleArn);

  const chained = ctx.principal.type === 'assumed-role';
  const max = chained ? Math.min(CHAINED_ROLE_MAX, role.max_session_duration) : role.max_session_duration;
  const duration = checkDuration(input.DurationSeconds, 3600, max, chained
    ? 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    : 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  const expiresAt = new Date(ctx.now.getTime() + duration * 1000);
  const sessionPolicy = await sessionPolicyOf(input, ctx, role.account_id);
  const issued = await createSession(ctx.db, identitySecrets(), {
    accountId: role.account_id, kind: 'assumed-role', roleId: role.role_id, sessionName, sessionTags: tags, expiresAt,
    ...(sessionPolicy ? { sessionPolicy } : {}),
  }, ctx.now);
  await markRoleUsed(ctx.db, role.role_id, ctx.region, ctx.now);
  return {
    Credentials: {
      AccessKeyId: issued.accessKeyId,
      SecretAccessKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken,
      Expiration: issued.expiresAt,
    },
    AssumedRoleUser: { AssumedRoleId: `${role.role_id}:${sessionName}`, Arn: assumedRoleArn(role, sessionName) },
    ...(input.SourceIdentity !== undefined ? { SourceIdentity: input.SourceIdentity } : {}),
  };
}

/** The role with its tags, for aws:ResourceTag conditions in the caller's policies. */
async function roleRef(ctx: RequestContext, arn: string): Promise<ResourceRef> {
  const role = await findRoleByArn(ctx.db, arn);
  return role ? { arn, tags: await tagMap(ctx.db, { kind: 'role', id: role.role_id }) } : { arn };
}

export const assumeRoleOperation: OperationDef<In, Out> = {
  service: 'sts',
  name: 'AssumeRole',
  // AWS: the caller's own policies must allow sts:AssumeRole on the role, and its trust policy must trust the caller.
  authorize: async (input, ctx) => ({
    resources: [await roleRef(ctx, input.RoleArn)],
    context: {
      'sts:RoleSessionName': input.RoleSessionName,
      ...(input.ExternalId !== undefined ? { 'sts:ExternalId': input.ExternalId } : {}),
      ...Object.fromEntries((input.Tags ?? []).map((t) => [`aws:RequestTag/${t.Key}`, t.Value])),
      ...(input.Tags?.length ? { 'aws:TagKeys': input.Tags.map((t) => t.Key) } : {}),
    },
  }),
  handle: assumeRole,
  readOnly: true,
};
