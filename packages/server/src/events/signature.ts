import crypto from 'node:crypto';

/** Headers every webhook delivery carries, so a receiver can verify it came from this server. */
export const SIGNATURE_HEADER = 'X-Bosun-Signature';
export const TIMESTAMP_HEADER = 'X-Bosun-Timestamp';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` under the subscription's secret. The
 * timestamp (epoch seconds, also sent in X-Bosun-Timestamp) is inside the MAC so a captured
 * delivery cannot be replayed later with a fresh timestamp.
 */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time; refuse stale timestamps. */
export function verifyDelivery(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - ts) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signDelivery(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** A new signing secret: shown once to the subscriber, stored only sealed. */
export function newSigningSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}
