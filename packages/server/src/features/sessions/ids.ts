import crypto from 'node:crypto';
import type { Principal } from '../../operations/types';

/**
 * AWS: a session id is the caller's name, a dash and 17 hex digits — the user name for IAM
 * users, the role-session name for assumed roles — so the documented policy
 * `arn:aws:ssm:*:*:session/${aws:username}-*` lets people end and resume only their own.
 */
export function newSessionId(principal: Principal): string {
  const name = principal.type === 'user' ? principal.userName ?? principal.name
    : principal.type === 'assumed-role' ? principal.arn.split('/').pop() ?? principal.name
      : principal.type === 'root' ? 'root' : principal.name;
  // SessionId allows 96 characters; names are at most 64, and only [\w+=,.@-] survive.
  const safe = name.replace(/[^\w+=,.@-]/g, '_').slice(0, 64) || 'session';
  return `${safe}-${crypto.randomBytes(9).toString('hex').slice(0, 17)}`;
}

export const sessionArn = (region: string, accountId: string, sessionId: string): string =>
  `arn:aws:ssm:${region}:${accountId}:session/${sessionId}`;

/** A bearer token for one data channel; only its hash is stored. */
export const newToken = (): string => crypto.randomBytes(48).toString('base64url');

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
