import type { Db } from '../db/index';
import type { KmsAliasRow } from './tables';

/** SQL for aliases: unique per account, region and name. */

export async function findAliasRow(db: Db, accountId: string, region: string, aliasName: string): Promise<KmsAliasRow | undefined> {
  return db.selectFrom('kms_aliases').selectAll()
    .where('account_id', '=', accountId).where('region', '=', region).where('alias_name', '=', aliasName)
    .executeTakeFirst();
}

/** False when the name is taken (the primary key decides, so racing creators cannot both win). */
export async function insertAliasRow(db: Db, row: KmsAliasRow): Promise<boolean> {
  const result = await db.insertInto('kms_aliases').values(row)
    .onConflict((oc) => oc.columns(['account_id', 'region', 'alias_name']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function retargetAlias(db: Db, accountId: string, region: string, aliasName: string, keyId: string, now: string): Promise<void> {
  await db.updateTable('kms_aliases').set({ target_key_id: keyId, updated_at: now })
    .where('account_id', '=', accountId).where('region', '=', region).where('alias_name', '=', aliasName)
    .execute();
}

export async function deleteAliasRow(db: Db, accountId: string, region: string, aliasName: string): Promise<void> {
  await db.deleteFrom('kms_aliases')
    .where('account_id', '=', accountId).where('region', '=', region).where('alias_name', '=', aliasName)
    .execute();
}

/** One page of aliases in name order, optionally only those of one key. */
export async function listAliasRows(db: Db, accountId: string, region: string, options: { keyId?: string; after?: string; limit: number }): Promise<KmsAliasRow[]> {
  let q = db.selectFrom('kms_aliases').selectAll().where('account_id', '=', accountId).where('region', '=', region);
  if (options.keyId) q = q.where('target_key_id', '=', options.keyId);
  if (options.after) q = q.where('alias_name', '>', options.after);
  return q.orderBy('alias_name').limit(options.limit).execute();
}

export async function aliasNamesOfKey(db: Db, keyId: string): Promise<string[]> {
  const rows = await db.selectFrom('kms_aliases').select('alias_name').where('target_key_id', '=', keyId).orderBy('alias_name').execute();
  return rows.map((r) => r.alias_name);
}
