import { inTransaction } from './util';
import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import type { IamTagRow } from './tables';

/** AWS: at most 50 tags on an IAM user, role or policy. */
export const MAX_TAGS = 50;

export interface Tag { Key: string; Value: string }
export interface TaggedResource { kind: IamTagRow['resource_kind']; id: string; accountId: string }

export async function listTags(db: Db, resource: Pick<TaggedResource, 'kind' | 'id'>): Promise<Tag[]> {
  const rows = await db.selectFrom('iam_tags').select(['tag_key', 'tag_value'])
    .where('resource_kind', '=', resource.kind).where('resource_id', '=', resource.id).orderBy('key_lower').execute();
  return rows.map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
}

export async function tagMap(db: Db, resource: Pick<TaggedResource, 'kind' | 'id'>): Promise<Record<string, string>> {
  return Object.fromEntries((await listTags(db, resource)).map((t) => [t.Key, t.Value]));
}

/** Adds or overwrites tags (a key that differs only in case replaces the old one). */
export async function putTags(db: Db, resource: TaggedResource, tags: Tag[]): Promise<void> {
  if (tags.length === 0) return;
  await inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('iam_tags').select('key_lower')
      .where('resource_kind', '=', resource.kind).where('resource_id', '=', resource.id).execute();
    const after = new Set([...existing.map((r) => r.key_lower), ...tags.map((t) => t.Key.toLowerCase())]);
    if (after.size > MAX_TAGS) {
      throw new AwsError('LimitExceeded', `The number of tags has reached the maximum limit of ${MAX_TAGS}.`, 409);
    }
    for (const tag of tags) {
      const keyLower = tag.Key.toLowerCase();
      await trx.deleteFrom('iam_tags').where('resource_kind', '=', resource.kind)
        .where('resource_id', '=', resource.id).where('key_lower', '=', keyLower).execute();
      await trx.insertInto('iam_tags').values({
        account_id: resource.accountId, resource_kind: resource.kind, resource_id: resource.id,
        tag_key: tag.Key, key_lower: keyLower, tag_value: tag.Value,
      }).execute();
    }
  });
}

export async function removeTags(db: Db, resource: Pick<TaggedResource, 'kind' | 'id'>, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('iam_tags').where('resource_kind', '=', resource.kind).where('resource_id', '=', resource.id)
    .where('key_lower', 'in', keys.map((k) => k.toLowerCase())).execute();
}

/** AWS: duplicate keys in one request are an InvalidInput. */
export function assertDistinctTagKeys(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key);
  }
}
