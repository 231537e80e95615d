import type { Db } from '../../db/index';
import type { SecretBox } from '../../crypto/secret-box';
import { hashSessionToken, newAccessKeyId, newSecretAccessKey, sessionTokenFor } from './ids';
import type { IamSessionRow } from './tables';
import { nowIso } from './util';

export const sessionAad = (accountId: string, accessKeyId: string): string => `session:${accountId}:${accessKeyId}`;

/** The key session tokens are derived under (see sessionTokenFor). */
export const sessionTokenKey = (secrets: SecretBox): Buffer => secrets.derive('sts-session-token');

export interface NewSession {
  accountId: string;
  kind: 'assumed-role' | 'user' | 'federated-user';
  roleId?: string;
  userId?: string;
  sessionName?: string;
  sessionTags?: Record<string, string>;
  sessionPolicy?: string;
  expiresAt: Date;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: Date;
}

/** Issues ASIA… credentials; the secret is sealed and the token stored only as a hash. */
export async function createSession(db: Db, secrets: SecretBox, session: NewSession, now = new Date()): Promise<IssuedCredentials> {
  const accessKeyId = newAccessKeyId('ASIA');
  const secretAccessKey = newSecretAccessKey();
  const sessionToken = sessionTokenFor(sessionTokenKey(secrets), accessKeyId);
  const row: IamSessionRow = {
    access_key_id: accessKeyId,
    account_id: session.accountId,
    secret_sealed: secrets.seal(secretAccessKey, sessionAad(session.accountId, accessKeyId)),
    token_hash: hashSessionToken(sessionToken),
    expires_at: nowIso(session.expiresAt),
    created_at: nowIso(now),
    kind: session.kind,
    role_id: session.roleId ?? null,
    user_id: session.userId ?? null,
    session_name: session.sessionName ?? null,
    session_tags: JSON.stringify(session.sessionTags ?? {}),
    session_policy: session.sessionPolicy ?? null,
  };
  await db.insertInto('iam_sessions').values(row).execute();
  return { accessKeyId, secretAccessKey, sessionToken, expiresAt: session.expiresAt };
}

export async function findSession(db: Db, accessKeyId: string): Promise<IamSessionRow | undefined> {
  return db.selectFrom('iam_sessions').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst();
}

/** Forgets credentials that have expired; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('iam_sessions').where('expires_at', '<=', nowIso(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
