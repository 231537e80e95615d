import type { Db } from '../../db/index';
import type { IamAccountRow } from './tables';
import { nowIso } from './util';

export async function insertAccount(db: Db, accountId: string, alias: string | null, now = new Date()): Promise<IamAccountRow> {
  const row: IamAccountRow = { account_id: accountId, alias, created_at: nowIso(now) };
  await db.insertInto('iam_accounts').values(row).execute();
  return row;
}

export async function getAccount(db: Db, accountId: string): Promise<IamAccountRow | undefined> {
  return db.selectFrom('iam_accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function listAccounts(db: Db): Promise<IamAccountRow[]> {
  return db.selectFrom('iam_accounts').selectAll().orderBy('created_at').execute();
}

/** True once any account exists — `bosun up` bootstraps only an empty database. */
export async function hasAnyAccount(db: Db): Promise<boolean> {
  const row = await db.selectFrom('iam_accounts').select('account_id').limit(1).executeTakeFirst();
  return row !== undefined;
}
