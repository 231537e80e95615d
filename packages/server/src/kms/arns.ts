/** KMS resource names: key ids, key ARNs, alias names and alias ARNs. */

export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

/** What a KeyId parameter names, before it is looked up. */
export type KeyIdentifier =
  | { kind: 'keyId'; keyId: string }
  | { kind: 'keyArn'; region: string; accountId: string; keyId: string }
  | { kind: 'alias'; aliasName: string }
  | { kind: 'aliasArn'; region: string; accountId: string; aliasName: string };

const ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]*):(\d{12}):(key\/.+|alias\/.+)$/;

/** Undefined for a string that is none of the four forms (AWS answers NotFoundException for those). */
export function parseKeyIdentifier(value: string): KeyIdentifier | undefined {
  if (value.startsWith('arn:')) {
    const m = ARN.exec(value);
    if (!m) return undefined;
    const [, region, accountId, rest] = m;
    return rest.startsWith('key/')
      ? { kind: 'keyArn', region, accountId, keyId: rest.slice(4) }
      : { kind: 'aliasArn', region, accountId, aliasName: rest };
  }
  if (value.startsWith('alias/')) return { kind: 'alias', aliasName: value };
  return { kind: 'keyId', keyId: value };
}

/** The 16 bytes of a UUID key id, as ciphertext headers carry it. */
export function keyIdToBytes(keyId: string): Buffer | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(keyId)) return undefined;
  return Buffer.from(keyId.replace(/-/g, ''), 'hex');
}

export function keyIdFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
