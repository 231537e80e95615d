import type { Db } from '../db/index';
import type { KmsKeyRow, KmsKeyVersionRow } from './tables';

/** SQL for keys and their material versions. Every read is scoped to one account and region. */

/** Inserts a key, its first version and tags together; joins the caller's transaction if in one. */
export async function insertKey(db: Db, key: KmsKeyRow, firstVersion: KmsKeyVersionRow, tags: Record<string, string>): Promise<void> {
  const write = async (tx: Db) => {
    await tx.insertInto('kms_keys').values(key).execute();
    await tx.insertInto('kms_key_versions').values(firstVersion).execute();
    const rows = Object.entries(tags).map(([tag_key, tag_value]) => ({ key_id: key.key_id, tag_key, tag_value }));
    if (rows.length) await tx.insertInto('kms_key_tags').values(rows).execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export async function findKeyRow(db: Db, accountId: string, region: string, keyId: string): Promise<KmsKeyRow | undefined> {
  return db.selectFrom('kms_keys').selectAll()
    .where('account_id', '=', accountId).where('region', '=', region).where('key_id', '=', keyId)
    .executeTakeFirst();
}

/** One page of keys in key-id order, starting after `afterKeyId`. */
export async function listKeyRows(db: Db, accountId: string, region: string, afterKeyId: string | undefined, limit: number): Promise<KmsKeyRow[]> {
  let q = db.selectFrom('kms_keys').selectAll()
    .where('account_id', '=', accountId).where('region', '=', region);
  if (afterKeyId) q = q.where('key_id', '>', afterKeyId);
  return q.orderBy('key_id').limit(limit).execute();
}

export type KeyPatch = Partial<Pick<KmsKeyRow,
  'description' | 'key_state' | 'deletion_date' | 'pending_window_days' | 'rotation_enabled' | 'rotation_period_days' | 'next_rotation_at' | 'policy'>>;

export async function updateKeyRow(db: Db, keyId: string, patch: KeyPatch): Promise<void> {
  await db.updateTable('kms_keys').set(patch).where('key_id', '=', keyId).execute();
}

export async function findVersion(db: Db, keyId: string, version: number): Promise<KmsKeyVersionRow | undefined> {
  return db.selectFrom('kms_key_versions').selectAll()
    .where('key_id', '=', keyId).where('version', '=', version).executeTakeFirst();
}

export async function listVersions(db: Db, keyId: string): Promise<KmsKeyVersionRow[]> {
  return db.selectFrom('kms_key_versions').selectAll().where('key_id', '=', keyId).orderBy('version').execute();
}

/**
 * Adds the next material version and makes it current. `makeRow` gets the new version number;
 * the primary key (key_id, version) makes two racing rotations fail rather than share a number.
 */
export async function addVersion(db: Db, keyId: string, makeRow: (version: number) => KmsKeyVersionRow): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const key = await tx.selectFrom('kms_keys').select('current_version').where('key_id', '=', keyId).executeTakeFirstOrThrow();
    const version = key.current_version + 1;
    await tx.insertInto('kms_key_versions').values(makeRow(version)).execute();
    await tx.updateTable('kms_keys').set({ current_version: version }).where('key_id', '=', keyId).execute();
    return version;
  });
}

/** Removes a key and everything that names it (its deletion date has passed). */
export async function purgeKey(db: Db, keyId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('kms_key_tags').where('key_id', '=', keyId).execute();
    await tx.deleteFrom('kms_aliases').where('target_key_id', '=', keyId).execute();
    await tx.deleteFrom('kms_key_versions').where('key_id', '=', keyId).execute();
    await tx.deleteFrom('kms_keys').where('key_id', '=', keyId).execute();
  });
}
