import type { ContextValue } from '../operations/types';
import type { KmsKeyRow } from './tables';

/** The condition keys KMS sets on calls about a key (IAM policies may test them). */
export function keyConditions(row: KmsKeyRow, identifier?: string): Record<string, ContextValue> {
  return {
    'kms:CallerAccount': row.account_id,
    'kms:KeySpec': row.key_spec,
    'kms:KeyUsage': row.key_usage,
    'kms:KeyOrigin': row.origin,
    // AWS: kms:RequestAlias is set only when the request named the key by an alias.
    ...(identifier && (identifier.startsWith('alias/') || identifier.includes(':alias/'))
      ? { 'kms:RequestAlias': identifier.replace(/^arn:[^:]+:kms:[^:]*:\d+:/, '') }
      : {}),
  };
}

/** kms:EncryptionContext:<key> for each pair, and kms:EncryptionContextKeys (absent without a context). */
export function encryptionContextConditions(context: Record<string, string> | undefined): Record<string, ContextValue> {
  const entries = Object.entries(context ?? {});
  if (!entries.length) return {};
  return {
    ...Object.fromEntries(entries.map(([k, v]) => [`kms:EncryptionContext:${k}`, v])),
    'kms:EncryptionContextKeys': entries.map(([k]) => k),
  };
}
