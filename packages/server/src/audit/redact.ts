/**
 * Keeps secrets out of the audit log. A value is replaced when its dot-path is listed by the
 * operation (`Value`, `Parameters.*.Value`; `*` matches any array index or object key), or when
 * the member's own name says it carries a secret, wherever it sits.
 */

// AWS: CloudTrail writes this exact string in place of values it will not record.
export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/**
 * Member names (compared case-insensitively) that hold a secret in any service Bosun serves.
 * CiphertextBlob is here on purpose: it is encrypted, but whoever may call kms:Decrypt and can
 * read the audit log would otherwise get the secret without access to where it is kept.
 * TokenValue is StartSession's bearer token; ActivationCode registers a node.
 */
const SECRET_MEMBER_NAMES = new Set([
  'secretaccesskey', 'sessiontoken', 'password', 'newpassword', 'oldpassword',
  'plaintext', 'ciphertextblob', 'privatekey', 'tokenvalue', 'activationcode', 'signingsecret',
].map((n) => n.toLowerCase()));

export function isSecretMemberName(name: string): boolean {
  return SECRET_MEMBER_NAMES.has(name.toLowerCase());
}

/** Split sensitive paths, per list: operations hand the same list to every call. */
const splitPaths = new WeakMap<string[], string[][]>();

/**
 * A copy of `value` ready for JSON.stringify without a replacer: listed paths and secret members
 * replaced, binary values as base64 (rather than JSON's `{"type":"Buffer",…}`).
 */
export function redact(value: unknown, sensitivePaths: string[]): unknown {
  let paths = splitPaths.get(sensitivePaths);
  if (paths === undefined) {
    paths = sensitivePaths.filter((p) => p.length > 0).map((p) => p.split('.'));
    splitPaths.set(sensitivePaths, paths);
  }
  return walk(value, paths);
}

const NO_PATHS: string[][] = [];

/** `paths` holds the remaining segments of every listed path that still matches where we are. */
function walk(value: unknown, paths: string[][]): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) {
    return value.map((item, i) => child(item, String(i), paths, false));
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    out[key] = child((value as Record<string, unknown>)[key], key, paths, true);
  }
  return out;
}

function child(item: unknown, key: string, paths: string[][], isMember: boolean): unknown {
  if (item === undefined) return undefined;
  if (isMember && isSecretMemberName(key)) return HIDDEN;
  if (paths.length === 0) return walk(item, NO_PATHS);
  const rest: string[][] = [];
  for (const path of paths) {
    if (path[0] !== '*' && path[0] !== key) continue;
    if (path.length === 1) return HIDDEN;
    rest.push(path.slice(1));
  }
  return walk(item, rest);
}
