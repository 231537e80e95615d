/**
 * Expiring links to blobs, like S3 presigned URLs: `GET /blobs/<key>?Expires=…&Signature=…`,
 * an HMAC over key and expiry with a key derived from the master key, so any replica can
 * check a link another made.
 */
import crypto from 'node:crypto';

export const BLOB_ROUTE_PREFIX = '/blobs/';

/** AWS: presigned S3 URLs default to one hour. */
export const DEFAULT_URL_SECONDS = 3600;

function signature(signingKey: Buffer, key: string, expires: number): string {
  return crypto.createHmac('sha256', signingKey).update(`${key}\n${expires}`).digest('base64url');
}

export function signBlobPath(signingKey: Buffer, key: string, now = new Date(), seconds = DEFAULT_URL_SECONDS): string {
  const expires = Math.floor(now.getTime() / 1000) + seconds;
  return `${BLOB_ROUTE_PREFIX}${key}?Expires=${expires}&Signature=${signature(signingKey, key, expires)}`;
}

export type LinkVerdict = 'ok' | 'expired' | 'bad-signature';

export function verifyBlobLink(signingKey: Buffer, key: string, expires: string | undefined, given: string | undefined, now = new Date()): LinkVerdict {
  const at = Number(expires);
  if (!given || !Number.isInteger(at)) return 'bad-signature';
  const want = Buffer.from(signature(signingKey, key, at));
  const got = Buffer.from(given);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) return 'bad-signature';
  return at * 1000 < now.getTime() ? 'expired' : 'ok';
}
