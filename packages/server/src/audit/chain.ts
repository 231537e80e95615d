import crypto from 'node:crypto';
import { hmacSha256Hex } from '../crypto/hmac';
import type { AuditEventsTable } from './tables';

/** What record 1 chains from (also written by migration 0002-audit into the empty head row). */
export const GENESIS_HASH = '0'.repeat(64);

/** Bump when the serialisation changes; old records keep verifying under their own version. */
const FORMAT = 'bosun-audit-v1';

/** The record's contents, everything but `seq`, `prev_hash` and `hash`. */
export type ChainedFields = Omit<AuditEventsTable, 'seq' | 'prev_hash' | 'hash'>;

/**
 * A canonical serialisation of one record: a JSON array of the columns in a fixed order, so it
 * does not depend on key order, engine or driver. `seq` is left out on purpose: the order is
 * bound by `prev_hash`, which lets the verifier tell a moved record (intact, wrong place) from an
 * edited one.
 */
export function canonicalRecord(r: ChainedFields): string {
  return JSON.stringify([
    FORMAT, r.event_id, r.event_time, r.account_id, r.region,
    r.principal_type, r.principal_arn, r.principal_id, r.user_name, r.access_key_id,
    r.source_ip, r.user_agent, r.event_source, r.event_name, Number(r.read_only),
    r.request_parameters, r.response_elements, r.error_code, r.error_message,
    r.request_id, r.resources,
  ]);
}

/** The columns canonicalRecord lists after FORMAT, in its order. */
export const CANONICAL_COLUMNS = [
  'event_id', 'event_time', 'account_id', 'region',
  'principal_type', 'principal_arn', 'principal_id', 'user_name', 'access_key_id',
  'source_ip', 'user_agent', 'event_source', 'event_name', 'read_only',
  'request_parameters', 'response_elements', 'error_code', 'error_message',
  'request_id', 'resources',
] as const satisfies ReadonlyArray<keyof ChainedFields>;

/**
 * The values of a record's canonical text, FORMAT first, then CANONICAL_COLUMNS' (the audit
 * journal keeps records in this form, so the text hashed is the text written). Throws on
 * anything canonicalRecord did not make.
 */
export function canonicalValues(text: string): unknown[] {
  const values: unknown = JSON.parse(text);
  if (!Array.isArray(values) || values.length !== CANONICAL_COLUMNS.length + 1 || values[0] !== FORMAT) {
    throw new Error('not a canonical audit record');
  }
  return values;
}

/** The record back from its canonical text. */
export function fieldsFromCanonical(text: string): ChainedFields {
  const values = canonicalValues(text);
  const fields: Record<string, unknown> = {};
  CANONICAL_COLUMNS.forEach((column, i) => {
    fields[column] = values[i + 1];
  });
  return fields as ChainedFields;
}

/** HMAC-SHA256(key, prevHash ‖ record): without the key nobody can make a record that verifies. */
export function recordHash(key: Buffer, prevHash: string, r: ChainedFields): string {
  return canonicalHash(key, prevHash, canonicalRecord(r));
}

/** recordHash of a record already in its canonical text. */
export function canonicalHash(key: Buffer, prevHash: string, canonical: string): string {
  return hmacSha256Hex(key, `${prevHash}\n${canonical}`);
}

/** The same input hashed without the key: what a forger without the key would write. */
export function unkeyedHash(prevHash: string, r: ChainedFields): string {
  return crypto.createHash('sha256').update(`${prevHash}\n${canonicalRecord(r)}`).digest('hex');
}

/** Authenticates the head row, so it cannot be set back to an older record by hand. */
export function headMac(key: Buffer, seq: number, hash: string): string {
  return hmacSha256Hex(key, `head\n${seq}\n${hash}`);
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string | null, b: string): boolean {
  if (a === null || a.length !== b.length) return false;
  return crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
