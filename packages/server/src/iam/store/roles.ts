import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import { newUniqueId } from './ids';
import type { IamRoleRow } from './tables';
import { decodeMarker, isUniqueViolation, nameKey, nowIso, pageSize, startsWith, toPage, type Page, type PageRequest, inTransaction } from './util';

export const roleArn = (accountId: string, path: string, name: string): string =>
  `arn:aws:iam::${accountId}:role${path}${name}`;

export interface NewRole {
  roleName: string;
  path?: string;
  trustPolicy: string;
  description?: string;
  maxSessionDuration?: number;
}

export async function insertRole(db: Db, accountId: string, role: NewRole, now = new Date()): Promise<IamRoleRow> {
  const path = role.path ?? '/';
  const row: IamRoleRow = {
    role_id: newUniqueId('AROA'),
    account_id: accountId,
    role_name: role.roleName,
    name_key: nameKey(role.roleName),
    path,
    arn: roleArn(accountId, path, role.roleName),
    trust_policy: role.trustPolicy,
    description: role.description ?? null,
    // AWS: a role's maximum session lasts one hour unless set otherwise.
    max_session_duration: role.maxSessionDuration ?? 3600,
    created_at: nowIso(now),
    last_used_at: null,
    last_used_region: null,
  };
  try {
    await db.insertInto('iam_roles').values(row).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AwsError('EntityAlreadyExists', `Role with name ${role.roleName} already exists.`, 409);
    throw e;
  }
  return row;
}

export async function getRole(db: Db, accountId: string, roleName: string): Promise<IamRoleRow> {
  const role = await db.selectFrom('iam_roles').selectAll()
    .where('account_id', '=', accountId).where('name_key', '=', nameKey(roleName)).executeTakeFirst();
  if (!role) throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
  return role;
}

export async function getRoleById(db: Db, roleId: string): Promise<IamRoleRow | undefined> {
  return db.selectFrom('iam_roles').selectAll().where('role_id', '=', roleId).executeTakeFirst();
}

export async function listRoles(db: Db, accountId: string, request: PageRequest & { pathPrefix?: string }): Promise<Page<IamRoleRow>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  let query = db.selectFrom('iam_roles').selectAll().where('account_id', '=', accountId);
  if (request.pathPrefix) query = query.where(startsWith('path', request.pathPrefix));
  if (after !== undefined) query = query.where('name_key', '>', after);
  const rows = await query.orderBy('name_key').limit(size + 1).execute();
  return toPage(rows, size, (r) => r.name_key);
}

export async function updateRole(db: Db, role: IamRoleRow, change: { description?: string; maxSessionDuration?: number; trustPolicy?: string }): Promise<IamRoleRow> {
  const next: IamRoleRow = {
    ...role,
    description: change.description ?? role.description,
    max_session_duration: change.maxSessionDuration ?? role.max_session_duration,
    trust_policy: change.trustPolicy ?? role.trust_policy,
  };
  await db.updateTable('iam_roles')
    .set({ description: next.description, max_session_duration: next.max_session_duration, trust_policy: next.trust_policy })
    .where('role_id', '=', role.role_id).execute();
  return next;
}

export async function markRoleUsed(db: Db, roleId: string, region: string, now: Date): Promise<void> {
  await db.updateTable('iam_roles').set({ last_used_at: nowIso(now), last_used_region: region }).where('role_id', '=', roleId).execute();
}

export async function roleDeleteConflict(db: Db, role: IamRoleRow): Promise<string | undefined> {
  const inline = await db.selectFrom('iam_inline_policies').select('policy_name')
    .where('owner_kind', '=', 'role').where('owner_id', '=', role.role_id).limit(1).executeTakeFirst();
  if (inline) return 'Cannot delete entity, must delete policies first.';
  const attached = await db.selectFrom('iam_attachments').select('policy_id')
    .where('owner_kind', '=', 'role').where('owner_id', '=', role.role_id).limit(1).executeTakeFirst();
  if (attached) return 'Cannot delete entity, must detach all policies first.';
  return undefined;
}

/** Deletes the role, its tags and the sessions that stand for it (they stop working at once). */
export async function deleteRole(db: Db, role: IamRoleRow): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('iam_tags').where('resource_kind', '=', 'role').where('resource_id', '=', role.role_id).execute();
    await trx.deleteFrom('iam_sessions').where('role_id', '=', role.role_id).execute();
    await trx.deleteFrom('iam_roles').where('role_id', '=', role.role_id).execute();
  });
}
