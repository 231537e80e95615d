import type { Db } from '../../db/index';
import type { IamRoleRow } from '../../iam/store/tables';
import { nameKey } from '../../iam/store/util';

/** The role an ARN names, in any account this server holds; undefined if there is none. */
export async function findRoleByArn(db: Db, arn: string): Promise<IamRoleRow | undefined> {
  const m = /^arn:aws:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/.exec(arn);
  if (!m) return undefined;
  const [, accountId, path, name] = m;
  const role = await db.selectFrom('iam_roles').selectAll()
    .where('account_id', '=', accountId).where('name_key', '=', nameKey(name)).executeTakeFirst();
  // AWS: the path in the ARN must be the role's path.
  return role && role.path === path ? role : undefined;
}
