import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import type { IamLoginProfileRow, IamUserRow } from './tables';
import { isUniqueViolation, nowIso } from './util';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;
const N = 16384, R = 8, P = 1, KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(actual, expected);
}

export async function findLoginProfile(db: Db, user: IamUserRow): Promise<IamLoginProfileRow | undefined> {
  return db.selectFrom('iam_login_profiles').selectAll().where('user_id', '=', user.user_id).executeTakeFirst();
}

export async function getLoginProfile(db: Db, user: IamUserRow): Promise<IamLoginProfileRow> {
  const row = await findLoginProfile(db, user);
  // AWS: "Login Profile for User bob cannot be found."
  if (!row) throw new AwsError('NoSuchEntity', `Login Profile for User ${user.user_name} cannot be found.`, 404);
  return row;
}

export async function createLoginProfile(db: Db, user: IamUserRow, password: string, resetRequired: boolean, now = new Date()): Promise<IamLoginProfileRow> {
  const row: IamLoginProfileRow = {
    user_id: user.user_id,
    account_id: user.account_id,
    password_hash: await hashPassword(password),
    password_reset_required: resetRequired ? 1 : 0,
    created_at: nowIso(now),
  };
  try {
    await db.insertInto('iam_login_profiles').values(row).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AwsError('EntityAlreadyExists', `Login Profile for user ${user.user_name} already exists.`, 409);
    throw e;
  }
  return row;
}

export async function updateLoginProfile(db: Db, user: IamUserRow, change: { password?: string; resetRequired?: boolean }): Promise<void> {
  const current = await getLoginProfile(db, user);
  await db.updateTable('iam_login_profiles').set({
    password_hash: change.password !== undefined ? await hashPassword(change.password) : current.password_hash,
    password_reset_required: change.resetRequired !== undefined ? (change.resetRequired ? 1 : 0) : current.password_reset_required,
  }).where('user_id', '=', user.user_id).execute();
}

export async function deleteLoginProfile(db: Db, user: IamUserRow): Promise<void> {
  await getLoginProfile(db, user);
  await db.deleteFrom('iam_login_profiles').where('user_id', '=', user.user_id).execute();
}
