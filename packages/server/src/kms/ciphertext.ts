import { AwsError } from '../operations/errors';
import { keyIdFromBytes, keyIdToBytes } from './arns';

/**
 * The ciphertext blob: self-describing, so Decrypt needs no KeyId.
 *   magic "BK" (2) | format 1 (1) | key id as UUID bytes (16) | key version, uint32 BE (4)
 *   | IV (12) | GCM tag (16) | ciphertext
 * The header (first 23 bytes) is part of the AAD, so it cannot be edited to point elsewhere.
 */
const MAGIC = Buffer.from([0x42, 0x4b, 0x01]);
export const HEADER_LENGTH = 3 + 16 + 4;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export interface ParsedBlob {
  keyId: string;
  version: number;
  header: Buffer;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

export function encodeHeader(keyId: string, version: number): Buffer {
  const id = keyIdToBytes(keyId);
  if (!id) throw new Error(`key id ${keyId} is not a UUID`);
  const v = Buffer.alloc(4);
  v.writeUInt32BE(version);
  return Buffer.concat([MAGIC, id, v]);
}

export function encodeBlob(header: Buffer, iv: Buffer, tag: Buffer, data: Buffer): Buffer {
  return Buffer.concat([header, iv, tag, data]);
}

// AWS: a blob KMS cannot read answers InvalidCiphertextException with an empty message.
export const invalidCiphertext = () => new AwsError('InvalidCiphertextException', '');

export function parseBlob(blob: Uint8Array): ParsedBlob {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < HEADER_LENGTH + IV_LENGTH + TAG_LENGTH || !buf.subarray(0, 3).equals(MAGIC)) throw invalidCiphertext();
  const header = buf.subarray(0, HEADER_LENGTH);
  const ivEnd = HEADER_LENGTH + IV_LENGTH;
  return {
    keyId: keyIdFromBytes(header.subarray(3, 19)),
    version: header.readUInt32BE(19),
    header,
    iv: buf.subarray(HEADER_LENGTH, ivEnd),
    tag: buf.subarray(ivEnd, ivEnd + TAG_LENGTH),
    data: buf.subarray(ivEnd + TAG_LENGTH),
  };
}

/** AAD: header, account and the encryption context sorted by key, so order never matters. */
export function additionalData(header: Buffer, accountId: string, encryptionContext: Record<string, string>): Buffer {
  const pairs = Object.entries(encryptionContext).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.concat([header, Buffer.from(JSON.stringify([accountId, pairs]), 'utf8')]);
}

export const ivLength = IV_LENGTH;
