import type { Db } from '../db/index';
import { findVersion } from './key-store';
import { openMaterial } from './material';
import type { KmsKeyRow } from './tables';

/**
 * Opened key material by key and version. A version's material never changes once written, so
 * caching it is safe; whether the key may be used is still decided from its row on every call.
 * Bounded, oldest out first: a busy server keeps its hot keys without growing without limit.
 */
const MAX_ENTRIES = 512;
const cache = new Map<string, Buffer>();

/** Undefined when the version does not exist (e.g. a forged header). */
export async function materialFor(db: Db, key: KmsKeyRow, version: number): Promise<Buffer | undefined> {
  const id = `${key.account_id}:${key.region}:${key.key_id}:${version}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await findVersion(db, key.key_id, version);
  if (!row) return undefined;
  const material = openMaterial(row.sealed_material, key.account_id, key.region, key.key_id, version);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(id, material);
  return material;
}
