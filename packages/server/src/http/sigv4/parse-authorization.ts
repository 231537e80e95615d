import { SigV4Error } from './sigv4-error';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** The credential scope without the key id: `date/region/service/terminator`, as signed. */
  scope: string;
  /** Lower-cased, in the order the client listed them. Shared by requests that list the same: read-only. */
  signedHeaders: readonly string[];
  /** signedHeaders joined by `;`, as the canonical request lists them. */
  signedHeaderList: string;
  signature: string;
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ssm/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=abc…`.
 */
export function parseAuthorization(header: string): ParsedAuthorization {
  return parseWellFormed(header) ?? parseAnyAuthorization(header);
}

const PREFIX = `${ALGORITHM} Credential=`;
const SIGNED_HEADERS = 'SignedHeaders=';
const SIGNATURE = 'Signature=';
const SPACE = 0x20;

/**
 * The header every SDK sends — `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`
 * (with or without the space after each comma) — located in one pass, without the trimming,
 * splitting and Map of the general parser: it runs on every signed request. Anything else (other
 * spacing or order, extra or empty fields, whitespace around a value) returns undefined, and
 * parseAnyAuthorization, which words the AWS errors, decides. Only inputs for which that parser
 * would find exactly these three fields with exactly these values are accepted here.
 */
export function parseWellFormed(header: string): ParsedAuthorization | undefined {
  if (!hasAt(header, PREFIX, 0)) return undefined;
  const credentialStart = PREFIX.length;
  const credentialEnd = header.indexOf(',', credentialStart);
  if (credentialEnd < 0) return undefined;

  let at = credentialEnd + 1;
  if (header.charCodeAt(at) === SPACE) at++;
  if (!hasAt(header, SIGNED_HEADERS, at)) return undefined;
  const signedHeadersStart = at + SIGNED_HEADERS.length;
  const signedHeadersEnd = header.indexOf(',', signedHeadersStart);
  if (signedHeadersEnd < 0) return undefined;

  at = signedHeadersEnd + 1;
  if (header.charCodeAt(at) === SPACE) at++;
  if (!hasAt(header, SIGNATURE, at)) return undefined;
  const signatureStart = at + SIGNATURE.length;
  // A further comma would be a further field, which the general parser would read (or refuse).
  if (header.indexOf(',', signatureStart) >= 0) return undefined;

  // Every value non-empty and without whitespace at either end, so the general parser's trimming
  // would leave it (and the header as a whole) unchanged.
  if (
    !plainEnds(header, credentialStart, credentialEnd) ||
    !plainEnds(header, signedHeadersStart, signedHeadersEnd) ||
    !plainEnds(header, signatureStart, header.length)
  ) {
    return undefined;
  }
  return fromFields(
    header.slice(credentialStart, credentialEnd),
    header.slice(signedHeadersStart, signedHeadersEnd),
    header.slice(signatureStart),
  );
}

/** `header.startsWith(literal, at)`; Node 20's V8 runs this indexOf in about half the time. */
const hasAt = (header: string, literal: string, at: number): boolean => header.indexOf(literal, at) === at;

/** `header[start, end)` is non-empty and starts and ends with printable ASCII other than space: nothing trim() would remove. */
function plainEnds(header: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const first = header.charCodeAt(start);
  const last = header.charCodeAt(end - 1);
  return first > SPACE && first < 0x7f && last > SPACE && last < 0x7f;
}

/** Any Authorization header: finds the fields however they are spaced or ordered, and words the AWS errors. */
export function parseAnyAuthorization(header: string): ParsedAuthorization {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const rest = space < 0 ? '' : trimmed.slice(space + 1);
  const fields = new Map<string, string>();
  if (algorithm === ALGORITHM) {
    for (const rawPart of rest.split(',')) {
      const part = rawPart.trim();
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) {
        // AWS: "'<part>' not a valid key=value pair (missing equal-sign) in Authorization header: '<header>'."
        throw new SigV4Error(
          'incomplete',
          `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
        );
      }
      fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  // AWS: an unknown scheme (e.g. a bearer token) is answered with the same list of missing parts.
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    const lines = missing.map((name) => `Authorization header requires '${name}' parameter.`);
    throw new SigV4Error('incomplete', `${lines.join(' ')} Authorization=${header}`);
  }
  return fromFields(fields.get('Credential')!, fields.get('SignedHeaders')!, fields.get('Signature')!);
}

/** The parsed header from its three field values; shared by both parsers, so they cannot differ here. */
function fromFields(credential: string, signedHeaders: string, signature: string): ParsedAuthorization {
  // keyid/date/region/service/terminator, every element non-empty: four slashes, none at either
  // end, none next to another, no fifth.
  const s1 = credential.indexOf('/');
  const s2 = credential.indexOf('/', s1 + 1);
  const s3 = s2 < 0 ? -1 : credential.indexOf('/', s2 + 1);
  const s4 = s3 < 0 ? -1 : credential.indexOf('/', s3 + 1);
  if (
    s1 < 1 ||
    s2 < s1 + 2 ||
    s3 < s2 + 2 ||
    s4 < s3 + 2 ||
    s4 >= credential.length - 1 ||
    credential.indexOf('/', s4 + 1) >= 0
  ) {
    throw new SigV4Error(
      'incomplete',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const signed = signedHeaderNames(signedHeaders);
  return {
    accessKeyId: credential.slice(0, s1),
    scopeDate: credential.slice(s1 + 1, s2),
    region: credential.slice(s2 + 1, s3),
    service: credential.slice(s3 + 1, s4),
    terminator: credential.slice(s4 + 1),
    scope: credential.slice(s1 + 1),
    signedHeaders: signed.names,
    signedHeaderList: signed.list,
    signature: signature.toLowerCase(),
  };
}

interface SignedHeaderNames {
  /** The SignedHeaders value as sent. */
  raw: string;
  names: string[];
  /** The names joined by `;`. */
  list: string;
}

// A client sends the same SignedHeaders value with every request: the last one is kept, split and
// checked, rather than split and checked again. Every request from that client shares its names.
let lastSigned: SignedHeaderNames = { raw: '', names: [''], list: '' };

/** `host;x-amz-date` → ['host', 'x-amz-date'], each name trimmed and lower-cased. */
function signedHeaderNames(raw: string): SignedHeaderNames {
  if (raw === lastSigned.raw) return lastSigned;
  // Names as SDKs send them (lower-case letters, digits, dashes) need no trimming or lower-casing.
  const plain = PLAIN_NAMES.test(raw);
  const names = plain ? raw.split(';') : raw.split(';').map((h) => h.trim().toLowerCase());
  lastSigned = { raw, names, list: plain ? raw : names.join(';') };
  return lastSigned;
}
const PLAIN_NAMES = /^[a-z0-9;-]*$/;
