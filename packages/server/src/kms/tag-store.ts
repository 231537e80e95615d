import type { Db } from '../db/index';

/** SQL for key tags (aws:ResourceTag/* and ListResourceTags). */

export async function tagsOfKey(db: Db, keyId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('kms_key_tags').select(['tag_key', 'tag_value']).where('key_id', '=', keyId).orderBy('tag_key').execute();
  return Object.fromEntries(rows.map((r) => [r.tag_key, r.tag_value]));
}

/** Adds or overwrites tags (AWS: TagResource replaces the value of an existing tag key). */
export async function putTags(db: Db, keyId: string, tags: Record<string, string>): Promise<void> {
  const rows = Object.entries(tags).map(([tag_key, tag_value]) => ({ key_id: keyId, tag_key, tag_value }));
  if (!rows.length) return;
  await db.insertInto('kms_key_tags').values(rows)
    .onConflict((oc) => oc.columns(['key_id', 'tag_key']).doUpdateSet((eb) => ({ tag_value: eb.ref('excluded.tag_value') })))
    .execute();
}

export async function removeTags(db: Db, keyId: string, tagKeys: string[]): Promise<void> {
  if (!tagKeys.length) return;
  await db.deleteFrom('kms_key_tags').where('key_id', '=', keyId).where('tag_key', 'in', tagKeys).execute();
}
