import type { Db } from '../db/index';
import { purgeKey } from './key-store';
import type { KmsKeyRow } from './tables';

/**
 * A key pending deletion is deleted once its deletion date passes. Bosun does that lazily, the
 * first time anything looks the key up afterwards, so no scheduler is needed for it: from that
 * moment the key, its material, aliases and tags are gone, as in AWS.
 */
export async function liveKey(db: Db, row: KmsKeyRow | undefined, now: Date): Promise<KmsKeyRow | undefined> {
  if (!row || row.key_state !== 'PendingDeletion' || !row.deletion_date) return row;
  if (new Date(row.deletion_date).getTime() > now.getTime()) return row;
  await purgeKey(db, row.key_id);
  return undefined;
}

/** Purges every key of an account and region whose deletion date has passed (before listings). */
export async function purgeExpiredKeys(db: Db, accountId: string, region: string, now: Date): Promise<void> {
  const expired = await db.selectFrom('kms_keys').select('key_id')
    .where('account_id', '=', accountId).where('region', '=', region)
    .where('key_state', '=', 'PendingDeletion').where('deletion_date', '<=', now.toISOString())
    .execute();
  for (const { key_id } of expired) await purgeKey(db, key_id);
}
