import type { Db } from '../db/index';
import { addVersion } from './key-store';
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
