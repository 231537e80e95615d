import type { Db } from '../db/index';
import { addVersion, findKeyRow, updateKeyRow } from './key-store';
import { newSealedMaterial } from './material';
import type { KmsKeyRow } from './tables';

/**
 * Rotation adds fresh material as the new current version; earlier versions stay, so every
 * ciphertext made before still decrypts (its header names the version it was made with).
 */
export async function rotateKeyMaterial(db: Db, key: KmsKeyRow, rotationType: 'AUTOMATIC' | 'ON_DEMAND', now: Date): Promise<number> {
  return addVersion(db, key.key_id, (version) => ({
    key_id: key.key_id,
    version,
    sealed_material: newSealedMaterial(key.account_id, key.region, key.key_id, version),
    created_at: now.toISOString(),
    rotation_type: rotationType,
  }));
}

const DAY = 86_400_000;

/**
 * Automatic rotation, carried out lazily: when a key with rotation enabled is used or looked at
 * after its next rotation date, it rotates then (as many periods as have passed count as one
 * rotation — what matters to users is fresh material and old ciphertexts still readable).
 * A racing caller that loses the version insert simply re-reads the key.
 */
export async function rotateIfDue(db: Db, key: KmsKeyRow, now: Date): Promise<KmsKeyRow> {
  if (!key.rotation_enabled || !key.next_rotation_at || new Date(key.next_rotation_at) > now || key.key_state !== 'Enabled') return key;
  const period = (key.rotation_period_days ?? 365) * DAY;
  let next = new Date(key.next_rotation_at).getTime();
  while (next <= now.getTime()) next += period;
  try {
    const version = await rotateKeyMaterial(db, key, 'AUTOMATIC', new Date(key.next_rotation_at));
    await updateKeyRow(db, key.key_id, { next_rotation_at: new Date(next).toISOString() });
    return { ...key, current_version: version, next_rotation_at: new Date(next).toISOString() };
  } catch {
    return (await findKeyRow(db, key.account_id, key.region, key.key_id)) ?? key;
  }
}
