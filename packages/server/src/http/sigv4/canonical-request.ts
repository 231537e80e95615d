import crypto from 'node:crypto';

export type HeaderBag = Record<string, string | string[] | undefined>;

// Node's one-shot hash (20.12+) skips the Hash object: under half the cost of createHash for the
// two digests every signed request needs.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;

export const sha256Hex = (data: string | Buffer): string =>
  oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');

/** RFC 3986 encoding: everything but unreserved characters (A-Z a-z 0-9 - _ . ~) is %XX. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The canonical URI of a non-S3 service: the raw path with `.`/`..` and empty segments removed,
 * then every segment URI-encoded once more (the client encoded it once to send it, and signs the
 * double-encoded form).
 */
export function canonicalUri(rawPath: string): string {
  // Every AWS-protocol call is a `POST /`.
  if (rawPath === '/') return '/';
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

/** Query parameters decoded, re-encoded strictly, sorted by name then value. */
export function canonicalQuery(rawQuery: string): string {
  // JSON and Query calls carry their input in the body: the query string is nearly always empty.
  if (rawQuery === '') return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([uriEncode(safeDecode(name)), uriEncode(safeDecode(value))]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** A header's canonical value: repeated values joined by commas, trimmed, inner whitespace folded. */
export function canonicalHeaderValue(value: string | string[] | undefined): string {
  // Most values have nothing to trim or fold: checking that is cheaper than the regex replace.
  if (typeof value === 'string' && isFolded(value)) return value;
  const joined = Array.isArray(value) ? value.map((v) => v.trim()).join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

const SPACE = 0x20;

/**
 * True when `value` is already its own canonical form: printable ASCII, single spaces between
 * words, none at either end. Anything else (tabs, runs of spaces, other whitespace, non-ASCII)
 * takes the general trim-and-fold path.
 */
function isFolded(value: string): boolean {
  let previous = SPACE; // a space at the start is not folded
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < SPACE || c > 0x7e || (c === SPACE && previous === SPACE)) return false;
    previous = c;
  }
  return previous !== SPACE || value.length === 0;
}

export function canonicalRequest(input: {
  method: string;
  path: string;
  query: string;
  headers: HeaderBag;
  signedHeaders: readonly string[];
  /** signedHeaders joined by `;`, when the caller already has that. */
  signedHeaderList?: string;
  payloadHash: string;
}): string {
  // Concatenated rather than mapped and joined: built on every signed request.
  let headerLines = '';
  for (const name of input.signedHeaders) headerLines += `${name}:${canonicalHeaderValue(input.headers[name])}\n`;
  return (
    `${input.method.toUpperCase()}\n${canonicalUri(input.path)}\n${canonicalQuery(input.query)}\n` +
    `${headerLines}\n${input.signedHeaderList ?? input.signedHeaders.join(';')}\n${input.payloadHash}`
  );
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}
