/** Finding the entity a call names, and the ARNs dispatch authorises. */
import { AwsError } from '../../operations/errors';
import type { RequestContext, ResourceRef } from '../../operations/types';
import { getGroup, groupArn } from '../../iam/store/groups';
import type { PolicyOwner } from '../../iam/store/inline-policies';
import { getRole, roleArn } from '../../iam/store/roles';
import { tagMap } from '../../iam/store/tags';
import type { IamGroupRow, IamRoleRow, IamUserRow } from '../../iam/store/tables';
import { findUser, getUser, userArn } from '../../iam/store/users';
import { nameKey } from '../../iam/store/util';

/**
 * AWS: calls whose UserName is optional act on the caller. Only an IAM user has a user to act
 * on; a role session must name one.
 */
export function targetUserName(userName: string | undefined, ctx: RequestContext): string {
  if (userName !== undefined) return userName;
  if (ctx.principal.type === 'user' && ctx.principal.userName) return ctx.principal.userName;
  throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
}

export async function callerOrNamedUser(userName: string | undefined, ctx: RequestContext): Promise<IamUserRow> {
  return getUser(ctx.db, ctx.accountId, targetUserName(userName, ctx));
}

/** The user's ARN (with its real path) and tags for aws:ResourceTag; a plain ARN if it does not exist yet. */
export async function userResource(ctx: RequestContext, userName: string | undefined): Promise<ResourceRef> {
  let name: string;
  try { name = targetUserName(userName, ctx); } catch { return { arn: '*' }; }
  const user = await findUser(ctx.db, ctx.accountId, name);
  if (!user) return { arn: userArn(ctx.accountId, '/', name) };
  return { arn: user.arn, tags: await tagMap(ctx.db, { kind: 'user', id: user.user_id }) };
}

export async function roleResource(ctx: RequestContext, roleName: string): Promise<ResourceRef> {
  const role = await ctx.db.selectFrom('iam_roles').selectAll()
    .where('account_id', '=', ctx.accountId).where('name_key', '=', nameKey(roleName)).executeTakeFirst();
  if (!role) return { arn: roleArn(ctx.accountId, '/', roleName) };
  return { arn: role.arn, tags: await tagMap(ctx.db, { kind: 'role', id: role.role_id }) };
}

export async function groupResource(ctx: RequestContext, groupName: string): Promise<ResourceRef> {
  const group = await ctx.db.selectFrom('iam_groups').select('arn')
    .where('account_id', '=', ctx.accountId).where('name_key', '=', nameKey(groupName)).executeTakeFirst();
  return { arn: group?.arn ?? groupArn(ctx.accountId, '/', groupName) };
}

export const userOwner = (user: IamUserRow): PolicyOwner =>
  ({ kind: 'user', id: user.user_id, accountId: user.account_id, name: user.user_name });
export const groupOwner = (group: IamGroupRow): PolicyOwner =>
  ({ kind: 'group', id: group.group_id, accountId: group.account_id, name: group.group_name });
export const roleOwner = (role: IamRoleRow): PolicyOwner =>
  ({ kind: 'role', id: role.role_id, accountId: role.account_id, name: role.role_name });

export const userOwnerNamed = async (ctx: RequestContext, name: string) => userOwner(await getUser(ctx.db, ctx.accountId, name));
export const groupOwnerNamed = async (ctx: RequestContext, name: string) => groupOwner(await getGroup(ctx.db, ctx.accountId, name));
export const roleOwnerNamed = async (ctx: RequestContext, name: string) => roleOwner(await getRole(ctx.db, ctx.accountId, name));
