import crypto from 'node:crypto';
import { AwsError } from './errors';

/**
 * Opaque, tamper-evident NextToken values shared by every List/Describe operation. A token
 * carries where the last page ended (a position, not an offset, so concurrent writes never
 * shift or repeat a page) plus what the listing was for; it is signed so a client cannot forge
 * a position in another account's data.
 */
let signingKey: Buffer = crypto.randomBytes(32);

/** Called once at start with a key derived from the master key, so tokens survive restarts and replicas. */
export function configurePaging(key: Buffer): void {
  signingKey = key;
}

export function encodeNextToken(scope: string, position: unknown): string {
  const body = Buffer.from(JSON.stringify({ s: scope, p: position }), 'utf8').toString('base64url');
  const mac = crypto.createHmac('sha256', signingKey).update(body).digest('base64url').slice(0, 22);
  return `${body}.${mac}`;
}

/**
 * Returns the position a token carries, or throws `errorCode` (AWS names differ per service:
 * InvalidNextToken in SSM, InvalidNextTokenException in CloudTrail…) when it was altered or made
 * for another listing.
 */
export function decodeNextToken<T = unknown>(token: string, scope: string, errorCode = 'InvalidNextToken'): T {
  const [body, mac] = token.split('.');
  const expected = body ? crypto.createHmac('sha256', signingKey).update(body).digest('base64url').slice(0, 22) : '';
  const ok = !!mac && mac.length === expected.length && crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  if (ok) {
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { s: string; p: T };
      if (parsed.s === scope) return parsed.p;
    } catch {
      // fall through to the refusal below
    }
  }
  throw new AwsError(errorCode, 'The specified token is not valid.');
}
