/** The rules STS applies to durations, session names and session tags. */
import type { StsTypes } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import { getUserById } from '../../iam/store/users';
import type { IamUserRow } from '../../iam/store/tables';

/** AWS: temporary credentials last at least 15 minutes. */
export const MIN_DURATION = 900;
/** AWS: role chaining caps a session at one hour whatever the role allows. */
export const CHAINED_ROLE_MAX = 3600;

const validation = (message: string) => new AwsError('ValidationError', message, 400);

export function checkDuration(seconds: number | undefined, fallback: number, max: number, tooLong: string): number {
  const duration = seconds ?? Math.min(fallback, max);
  if (!Number.isInteger(duration) || duration < MIN_DURATION) {
    throw validation(`1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_DURATION}`);
  }
  if (duration > max) throw validation(tooLong);
  return duration;
}

/** AWS: 2–64 characters of letters, digits and `+=,.@-` (the model's pattern, checked here too). */
export function checkSessionName(name: string): string {
  if (!/^[\w+=,.@-]{2,64}$/.test(name)) {
    throw validation(`1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  return name;
}

/** AWS: at most 50 session tags, keys unique ignoring case. */
export function sessionTags(tags: StsTypes.Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  if ((tags ?? []).length > 50) throw validation('1 validation error detected: Value at \'tags\' failed to satisfy constraint: Member must have length less than or equal to 50');
  for (const tag of tags ?? []) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) throw validation('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key);
    out[tag.Key] = tag.Value;
  }
  return out;
}

/** AWS: GetSessionToken and GetFederationToken take an IAM user's long-term access key only. */
export async function longTermUser(ctx: RequestContext, operation: 'GetSessionToken' | 'GetFederationToken'): Promise<IamUserRow> {
  const { principal } = ctx;
  if (principal.type !== 'user' || principal.expiresAt || principal.accessKeyId.startsWith('ASIA')) {
    throw new AwsError('AccessDenied', `Cannot call ${operation} with session credentials`, 403);
  }
  const user = await getUserById(ctx.db, principal.userId);
  if (!user) throw new AwsError('AccessDenied', 'The calling user no longer exists.', 403);
  return user;
}

/** AWS: an IAM user's session and federation tokens last 12 hours by default and at most 36. */
const USER_TOKEN_DEFAULT = 43200;
const USER_TOKEN_MAX = 129600;
export function userTokenDuration(seconds: number | undefined): number {
  return checkDuration(seconds, USER_TOKEN_DEFAULT, USER_TOKEN_MAX,
    `1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${USER_TOKEN_MAX}`);
}
