import crypto from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** AWS: unique ids are a 4-letter type prefix and 17 more characters (21 in all): AIDA, AGPA, AROA, ANPA. */
export type UniqueIdPrefix = 'AIDA' | 'AGPA' | 'AROA' | 'ANPA';

export function newUniqueId(prefix: UniqueIdPrefix): string {
  return prefix + randomFrom(UPPER_ALNUM, 17);
}

/** A unique id that is the same in every database, for the AWS-managed policies Bosun ships. */
export function stableUniqueId(prefix: UniqueIdPrefix, seed: string): string {
  const digest = crypto.createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; out.length < 17; i++) out += UPPER_ALNUM[digest[i] % UPPER_ALNUM.length];
  return prefix + out;
}

/** AWS: access key ids are 20 characters, AKIA (long-term) or ASIA (temporary) and base-32 text. */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA'): string {
  return prefix + randomFrom(BASE32, 16);
}

/** AWS: secret access keys are 40 characters of base-64 text. */
export function newSecretAccessKey(): string {
  return randomFrom(SECRET_CHARS, 40);
}

/**
 * The session token of temporary credentials: an HMAC of the access key id under a key derived
 * from the master key. Only its hash is stored, yet the server can re-derive it for SigV4
 * verification; a copied database alone reveals no token (just as it reveals no sealed secret).
 */
export function sessionTokenFor(tokenKey: Buffer, accessKeyId: string): string {
  const part = (n: number) => crypto.createHmac('sha512', tokenKey).update(`${n}:${accessKeyId}`).digest();
  // AWS: tokens are long opaque base-64 strings; SDKs pass them through untouched.
  return 'IQoJb3JpZ2luX2Vj' + Buffer.concat([part(1), part(2)]).toString('base64');
}

export function hashSessionToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with the stored hash. */
export function sessionTokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSessionToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && crypto.timingSafeEqual(presented, stored);
}

/** A fresh 12-digit account id that does not start with 0 (AWS CLI output keeps it as text anyway). */
export function newAccountId(): string {
  return String(crypto.randomInt(1, 10)) + randomFrom('0123456789', 11);
}
