import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import { newUniqueId } from './ids';
import type { IamUserRow } from './tables';
import { decodeMarker, isUniqueViolation, nameKey, nowIso, pageSize, startsWith, toPage, type Page, type PageRequest, inTransaction } from './util';

export const userArn = (accountId: string, path: string, name: string): string =>
  `arn:aws:iam::${accountId}:user${path}${name}`;

export async function insertUser(db: Db, accountId: string, userName: string, path = '/', now = new Date()): Promise<IamUserRow> {
  const row: IamUserRow = {
    user_id: newUniqueId('AIDA'),
    account_id: accountId,
    user_name: userName,
    name_key: nameKey(userName),
    path,
    arn: userArn(accountId, path, userName),
    created_at: nowIso(now),
    password_last_used: null,
  };
  try {
    await db.insertInto('iam_users').values(row).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AwsError('EntityAlreadyExists', `User with name ${userName} already exists.`, 409);
    throw e;
  }
  return row;
}

export async function findUser(db: Db, accountId: string, userName: string): Promise<IamUserRow | undefined> {
  return db.selectFrom('iam_users').selectAll()
    .where('account_id', '=', accountId).where('name_key', '=', nameKey(userName)).executeTakeFirst();
}

/** The user, or AWS's NoSuchEntity. */
export async function getUser(db: Db, accountId: string, userName: string): Promise<IamUserRow> {
  const user = await findUser(db, accountId, userName);
  // AWS: "The user with name bob cannot be found."
  if (!user) throw new AwsError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);
  return user;
}

export async function getUserById(db: Db, userId: string): Promise<IamUserRow | undefined> {
  return db.selectFrom('iam_users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function listUsers(db: Db, accountId: string, request: PageRequest & { pathPrefix?: string }): Promise<Page<IamUserRow>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  let query = db.selectFrom('iam_users').selectAll().where('account_id', '=', accountId);
  if (request.pathPrefix) query = query.where(startsWith('path', request.pathPrefix));
  if (after !== undefined) query = query.where('name_key', '>', after);
  const rows = await query.orderBy('name_key').limit(size + 1).execute();
  return toPage(rows, size, (r) => r.name_key);
}

/** Renames and/or moves a user; the ARN follows. */
export async function updateUser(db: Db, user: IamUserRow, change: { newUserName?: string; newPath?: string }): Promise<IamUserRow> {
  const userName = change.newUserName ?? user.user_name;
  const path = change.newPath ?? user.path;
  const arn = userArn(user.account_id, path, userName);
  try {
    await db.updateTable('iam_users')
      .set({ user_name: userName, name_key: nameKey(userName), path, arn })
      .where('user_id', '=', user.user_id).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AwsError('EntityAlreadyExists', `User with name ${userName} already exists.`, 409);
    throw e;
  }
  return { ...user, user_name: userName, name_key: nameKey(userName), path, arn };
}

/**
 * Deletes the user and what AWS removes with it (tags, and the GetSessionToken credentials that
 * act as the user); callers check DeleteConflict first.
 */
export async function deleteUser(db: Db, user: IamUserRow): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('iam_sessions').where('user_id', '=', user.user_id).execute();
    await trx.deleteFrom('iam_tags').where('resource_kind', '=', 'user').where('resource_id', '=', user.user_id).execute();
    await trx.deleteFrom('iam_users').where('user_id', '=', user.user_id).execute();
  });
}

/** Why a user cannot be deleted yet, in AWS's words, or undefined. */
export async function userDeleteConflict(db: Db, user: IamUserRow): Promise<string | undefined> {
  const count = async (query: Promise<{ n: number | string | bigint } | undefined>) => Number((await query)?.n ?? 0);
  const keys = await count(db.selectFrom('iam_access_keys').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', user.user_id).executeTakeFirst());
  // AWS: "Cannot delete entity, must delete access keys first."
  if (keys) return 'Cannot delete entity, must delete access keys first.';
  const login = await count(db.selectFrom('iam_login_profiles').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', user.user_id).executeTakeFirst());
  if (login) return 'Cannot delete entity, must delete login profile first.';
  const inline = await count(db.selectFrom('iam_inline_policies').select((eb) => eb.fn.countAll().as('n')).where('owner_kind', '=', 'user').where('owner_id', '=', user.user_id).executeTakeFirst());
  if (inline) return 'Cannot delete entity, must delete policies first.';
  const attached = await count(db.selectFrom('iam_attachments').select((eb) => eb.fn.countAll().as('n')).where('owner_kind', '=', 'user').where('owner_id', '=', user.user_id).executeTakeFirst());
  if (attached) return 'Cannot delete entity, must detach all policies first.';
  const groups = await count(db.selectFrom('iam_group_members').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', user.user_id).executeTakeFirst());
  if (groups) return 'Cannot delete entity, must remove users from group first.';
  return undefined;
}
