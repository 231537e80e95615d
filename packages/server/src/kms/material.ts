import crypto from 'node:crypto';
import { kmsSecrets } from './secrets';

/**
 * Key material: 32 random bytes per key version, kept only sealed with the master key and
 * bound to where it belongs, so a sealed value copied onto another key's row does not open.
 */
function materialAad(accountId: string, region: string, keyId: string, version: number): string {
  return `kms-key-material:${accountId}:${region}:${keyId}:${version}`;
}

export function newSealedMaterial(accountId: string, region: string, keyId: string, version: number): string {
  const material = crypto.randomBytes(32);
  try {
    return kmsSecrets().seal(material, materialAad(accountId, region, keyId, version));
  } finally {
    material.fill(0);
  }
}

export function openMaterial(sealed: string, accountId: string, region: string, keyId: string, version: number): Buffer {
  return kmsSecrets().open(sealed, materialAad(accountId, region, keyId, version));
}
