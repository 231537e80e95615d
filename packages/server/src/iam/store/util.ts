import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';

export const nowIso = (now: Date = new Date()): string => now.toISOString();

/** IAM names are unique ignoring case. */
export const nameKey = (name: string): string => name.toLowerCase();

/** `column` starts with `prefix`, without LIKE's wildcard pitfalls; same SQL on both engines. */
export function startsWith(column: string, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`substr(${sql.ref(column)}, 1, ${prefix.length}) = ${prefix}`;
}

/** SQLite and PostgreSQL report a unique/primary-key violation differently. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** One page of a listing in IAM's style: Marker / MaxItems / IsTruncated. */
export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker?: string;
}

export interface PageRequest {
  marker?: string;
  maxItems?: number;
}

/** The sort key a marker stands for; markers are opaque to callers. */
export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const decoded = Buffer.from(marker, 'base64url').toString('utf8');
  if (!decoded.startsWith('m:')) throw new AwsError('InvalidInput', 'Invalid Marker.');
  return decoded.slice(2);
}

export const encodeMarker = (key: string): string => Buffer.from(`m:${key}`, 'utf8').toString('base64url');

/** AWS: MaxItems defaults to 100 and may be 1…1000. */
export function pageSize(request: PageRequest): number {
  return Math.min(Math.max(request.maxItems ?? 100, 1), 1000);
}

/** Cuts rows fetched with `limit(size + 1)` into a page; `keyOf` gives the sort key of a row. */
export function toPage<T>(rows: T[], size: number, keyOf: (row: T) => string): Page<T> {
  if (rows.length <= size) return { items: rows, isTruncated: false };
  const items = rows.slice(0, size);
  return { items, isTruncated: true, marker: encodeMarker(keyOf(items[items.length - 1])) };
}

/**
 * Runs `work` in a transaction, or inside the caller's one: Kysely cannot nest them, and the
 * migration seeding the AWS-managed policies already runs in one on PostgreSQL.
 */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
