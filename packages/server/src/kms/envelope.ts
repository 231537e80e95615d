import crypto from 'node:crypto';
import type { Db } from '../db/index';
import type { RequestContext } from '../operations/types';
import { AwsError } from '../operations/errors';
import { findKeyRow } from './key-store';
import { liveKey } from './expiry';
import { rotateIfDue } from './rotation';
import { assertUsable } from './key-state';
import { materialFor } from './material-cache';
import { additionalData, encodeBlob, encodeHeader, invalidCiphertext, ivLength, parseBlob } from './ciphertext';
import type { KeyRef } from './key-ref';
import { refOf } from './resolve';
import type { KmsKeyRow } from './tables';

/**
 * Encrypts under the key's current material version. The key is re-read so a key disabled
 * between resolveKey and here is still refused.
 */
export async function encryptWithKey(ctx: RequestContext, key: KeyRef, plaintext: Uint8Array, encryptionContext: Record<string, string>): Promise<Buffer> {
  const found = await liveKey(ctx.db, await findKeyRow(ctx.db, ctx.accountId, ctx.region, key.keyId), ctx.now);
  const row = found && await rotateIfDue(ctx.db, found, ctx.now);
  // AWS: "Key 'arn:…' does not exist" — the caller held a reference to a key that is gone.
  if (!row) throw new AwsError('NotFoundException', `Key '${key.arn}' does not exist`);
  assertUsable(row);
  const material = await materialOf(ctx.db, row, row.current_version);
  const header = encodeHeader(row.key_id, row.current_version);
  const iv = crypto.randomBytes(ivLength);
  const cipher = crypto.createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(additionalData(header, ctx.accountId, encryptionContext));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return encodeBlob(header, iv, cipher.getAuthTag(), data);
}

/** Which key a blob names, in the caller's account and region; InvalidCiphertextException otherwise. */
export async function keyOfCiphertext(ctx: RequestContext, blob: Uint8Array): Promise<KeyRef> {
  return refOf(await keyRowOfBlob(ctx, blob));
}

export async function decryptBlob(ctx: RequestContext, blob: Uint8Array, encryptionContext: Record<string, string>): Promise<{ plaintext: Buffer; key: KeyRef }> {
  const parsed = parseBlob(blob);
  const row = await keyRowOfBlob(ctx, blob);
  assertUsable(row);
  const material = await materialOf(ctx.db, row, parsed.version);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', material, parsed.iv);
    decipher.setAAD(additionalData(parsed.header, ctx.accountId, encryptionContext));
    decipher.setAuthTag(parsed.tag);
    const plaintext = Buffer.concat([decipher.update(parsed.data), decipher.final()]);
    return { plaintext, key: refOf(row) };
  } catch {
    // Wrong encryption context, wrong account or an altered blob: GCM cannot tell them apart.
    throw invalidCiphertext();
  } finally {
    }
}

async function keyRowOfBlob(ctx: RequestContext, blob: Uint8Array): Promise<KmsKeyRow> {
  const parsed = parseBlob(blob);
  const row = await liveKey(ctx.db, await findKeyRow(ctx.db, ctx.accountId, ctx.region, parsed.keyId), ctx.now);
  if (!row) throw invalidCiphertext();
  return row;
}

async function materialOf(db: Db, row: KmsKeyRow, version: number): Promise<Buffer> {
  const material = await materialFor(db, row, version);
  if (!material) throw invalidCiphertext();
  return material;
}
