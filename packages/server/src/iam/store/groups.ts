import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import { newUniqueId } from './ids';
import type { IamGroupRow, IamUserRow } from './tables';
import { decodeMarker, isUniqueViolation, nameKey, nowIso, pageSize, startsWith, toPage, type Page, type PageRequest } from './util';

export const groupArn = (accountId: string, path: string, name: string): string =>
  `arn:aws:iam::${accountId}:group${path}${name}`;

export async function insertGroup(db: Db, accountId: string, groupName: string, path = '/', now = new Date()): Promise<IamGroupRow> {
  const row: IamGroupRow = {
    group_id: newUniqueId('AGPA'),
    account_id: accountId,
    group_name: groupName,
    name_key: nameKey(groupName),
    path,
    arn: groupArn(accountId, path, groupName),
    created_at: nowIso(now),
  };
  try {
    await db.insertInto('iam_groups').values(row).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AwsError('EntityAlreadyExists', `Group with name ${groupName} already exists.`, 409);
    throw e;
  }
  return row;
}

export async function getGroup(db: Db, accountId: string, groupName: string): Promise<IamGroupRow> {
  const group = await db.selectFrom('iam_groups').selectAll()
    .where('account_id', '=', accountId).where('name_key', '=', nameKey(groupName)).executeTakeFirst();
  if (!group) throw new AwsError('NoSuchEntity', `The group with name ${groupName} cannot be found.`, 404);
  return group;
}

export async function listGroups(db: Db, accountId: string, request: PageRequest & { pathPrefix?: string }): Promise<Page<IamGroupRow>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  let query = db.selectFrom('iam_groups').selectAll().where('account_id', '=', accountId);
  if (request.pathPrefix) query = query.where(startsWith('path', request.pathPrefix));
  if (after !== undefined) query = query.where('name_key', '>', after);
  const rows = await query.orderBy('name_key').limit(size + 1).execute();
  return toPage(rows, size, (r) => r.name_key);
}

export async function deleteGroup(db: Db, group: IamGroupRow): Promise<void> {
  await db.deleteFrom('iam_groups').where('group_id', '=', group.group_id).execute();
}

export async function groupDeleteConflict(db: Db, group: IamGroupRow): Promise<string | undefined> {
  const member = await db.selectFrom('iam_group_members').select('user_id')
    .where('group_id', '=', group.group_id).limit(1).executeTakeFirst();
  const owned = (table: 'iam_inline_policies' | 'iam_attachments') => db.selectFrom(table).select('owner_id')
    .where('owner_kind', '=', 'group').where('owner_id', '=', group.group_id).limit(1).executeTakeFirst();
  // AWS: the messages DeleteGroup answers with DeleteConflict.
  if (member) return 'Cannot delete entity, must remove users from group first.';
  if (await owned('iam_inline_policies')) return 'Cannot delete entity, must delete policies first.';
  if (await owned('iam_attachments')) return 'Cannot delete entity, must detach all policies first.';
  return undefined;
}

export async function addUserToGroup(db: Db, group: IamGroupRow, user: IamUserRow): Promise<void> {
  try {
    await db.insertInto('iam_group_members')
      .values({ account_id: group.account_id, group_id: group.group_id, user_id: user.user_id }).execute();
  } catch (e) {
    // AWS: adding a user who is already a member succeeds.
    if (!isUniqueViolation(e)) throw e;
  }
}

/** False when the user was not a member. */
export async function removeUserFromGroup(db: Db, group: IamGroupRow, user: IamUserRow): Promise<boolean> {
  const result = await db.deleteFrom('iam_group_members')
    .where('group_id', '=', group.group_id).where('user_id', '=', user.user_id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listGroupMembers(db: Db, group: IamGroupRow, request: PageRequest): Promise<Page<IamUserRow>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  let query = db.selectFrom('iam_users').innerJoin('iam_group_members', 'iam_group_members.user_id', 'iam_users.user_id')
    .selectAll('iam_users').where('iam_group_members.group_id', '=', group.group_id);
  if (after !== undefined) query = query.where('iam_users.name_key', '>', after);
  const rows = await query.orderBy('iam_users.name_key').limit(size + 1).execute();
  return toPage(rows, size, (r) => r.name_key);
}

export async function listGroupsOfUser(db: Db, user: IamUserRow, request: PageRequest = { maxItems: 1000 }): Promise<Page<IamGroupRow>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  let query = db.selectFrom('iam_groups').innerJoin('iam_group_members', 'iam_group_members.group_id', 'iam_groups.group_id')
    .selectAll('iam_groups').where('iam_group_members.user_id', '=', user.user_id);
  if (after !== undefined) query = query.where('iam_groups.name_key', '>', after);
  const rows = await query.orderBy('iam_groups.name_key').limit(size + 1).execute();
  return toPage(rows, size, (r) => r.name_key);
}

/** Every group id a user belongs to, for policy resolution. */
export async function groupIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('iam_group_members').select('group_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.group_id);
}
