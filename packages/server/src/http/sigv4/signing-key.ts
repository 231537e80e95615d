import { createHmac } from 'node:crypto';

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

interface CachedKey {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  secret: string;
  key: Buffer;
}

// Derived keys change once a day per (key, region, service); a few hundred entries cover a busy
// server without the cache growing with every new key id an attacker invents (only keys whose
// secret we looked up are ever derived).
const MAX_ENTRIES = 512;
const cache = new Map<string, CachedKey>();
/** The entry last used (and so the last in the Map's least-recently-used order). */
let newest: CachedKey | undefined;

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** Same as deriveSigningKey, remembered per access key and scope; a rotated secret misses the cache. */
export function signingKeyFor(
  accessKeyId: string,
  secret: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  // A busy client signs request after request with the same key and scope: answered by comparing
  // with the last entry, without building the Map key. Being the newest already, it stays in place.
  const last = newest;
  if (
    last !== undefined &&
    last.secret === secret &&
    last.accessKeyId === accessKeyId &&
    last.date === date &&
    last.region === region &&
    last.service === service
  ) {
    return last.key;
  }
  const id = `${accessKeyId}/${date}/${region}/${service}`;
  const hit = cache.get(id);
  if (hit && hit.secret === secret) {
    // Re-insert so the Map's insertion order works as least-recently-used.
    cache.delete(id);
    cache.set(id, hit);
    newest = hit;
    return hit.key;
  }
  const key = deriveSigningKey(secret, date, region, service);
  newest = { accessKeyId, date, region, service, secret, key };
  cache.set(id, newest);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return key;
}

export const signingKeyCacheSize = (): number => cache.size;
