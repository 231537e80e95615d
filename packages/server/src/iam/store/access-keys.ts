import type { Db } from '../../db/index';
import type { SecretBox } from '../../crypto/secret-box';
import { AwsError } from '../../operations/errors';
import { newAccessKeyId, newSecretAccessKey } from './ids';
import type { IamAccessKeyRow, IamUserRow } from './tables';
import { nowIso } from './util';

/** AWS: a user may hold at most two access keys. */
export const ACCESS_KEYS_PER_USER = 2;

/** Binds a sealed secret to its account and key, so it cannot be moved to another row. */
export const accessKeyAad = (accountId: string, accessKeyId: string): string => `access-key:${accountId}:${accessKeyId}`;

/** Creates a key; the secret is returned once and stored only sealed. */
export async function createAccessKey(
  db: Db, secrets: SecretBox, user: IamUserRow, now = new Date(),
): Promise<{ row: IamAccessKeyRow; secretAccessKey: string }> {
  const existing = await listAccessKeys(db, user.user_id);
  if (existing.length >= ACCESS_KEYS_PER_USER) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`, 409);
  }
  const accessKeyId = newAccessKeyId('AKIA');
  const secretAccessKey = newSecretAccessKey();
  const row: IamAccessKeyRow = {
    access_key_id: accessKeyId,
    account_id: user.account_id,
    user_id: user.user_id,
    secret_sealed: secrets.seal(secretAccessKey, accessKeyAad(user.account_id, accessKeyId)),
    status: 'Active',
    created_at: nowIso(now),
    last_used_at: null,
    last_used_service: null,
    last_used_region: null,
  };
  await db.insertInto('iam_access_keys').values(row).execute();
  return { row, secretAccessKey };
}

export async function listAccessKeys(db: Db, userId: string): Promise<IamAccessKeyRow[]> {
  return db.selectFrom('iam_access_keys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('access_key_id').execute();
}

export async function findAccessKey(db: Db, accessKeyId: string): Promise<IamAccessKeyRow | undefined> {
  return db.selectFrom('iam_access_keys').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst();
}

/** The user's key, or NoSuchEntity in AWS's words. */
export async function getUserAccessKey(db: Db, user: IamUserRow, accessKeyId: string): Promise<IamAccessKeyRow> {
  const key = await findAccessKey(db, accessKeyId);
  if (!key || key.user_id !== user.user_id) {
    throw new AwsError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`, 404);
  }
  return key;
}

export async function setAccessKeyStatus(db: Db, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void> {
  await db.updateTable('iam_access_keys').set({ status }).where('access_key_id', '=', accessKeyId).execute();
}

export async function deleteAccessKey(db: Db, accessKeyId: string): Promise<void> {
  await db.deleteFrom('iam_access_keys').where('access_key_id', '=', accessKeyId).execute();
}

/** Recorded after a successful signed call, for GetAccessKeyLastUsed. */
export async function markAccessKeyUsed(db: Db, accessKeyId: string, service: string, region: string, now: Date): Promise<void> {
  await db.updateTable('iam_access_keys')
    .set({ last_used_at: nowIso(now), last_used_service: service, last_used_region: region })
    .where('access_key_id', '=', accessKeyId).execute();
}
