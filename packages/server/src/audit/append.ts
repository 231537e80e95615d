import { CompiledQuery, type Transaction } from 'kysely';
import { dialectOf, type Database, type Db } from '../db/index';
import { CANONICAL_COLUMNS, canonicalHash, canonicalValues, headMac, recordHash, type ChainedFields } from './chain';
import { newEventId } from './event-id';
import { redact } from './redact';
import type { AuditEvent, AuditEventInput, AuditPrincipal } from './types';
import type { AuditEventResourcesTable, AuditEventsTable } from './tables';
import { insertValues, isPostgres } from './raw-insert';

/** Every column of audit_events, in table order (the record type is checked against it). */
const EVENT_COLUMNS: ReadonlyArray<keyof AuditEventsTable> = [
  'seq', 'event_id', 'event_time', 'account_id', 'region', 'principal_type', 'principal_arn',
  'principal_id', 'user_name', 'access_key_id', 'source_ip', 'user_agent', 'event_source',
  'event_name', 'read_only', 'request_parameters', 'response_elements', 'error_code',
  'error_message', 'request_id', 'resources', 'prev_hash', 'hash',
];
const RESOURCE_COLUMNS: ReadonlyArray<keyof AuditEventResourcesTable> = [
  'event_id', 'account_id', 'region', 'resource_type', 'resource_name',
];
// Positions in an EVENT_COLUMNS row of values.
const SEQ = 0;
const EVENT_ID = EVENT_COLUMNS.indexOf('event_id');
const ACCOUNT_ID = EVENT_COLUMNS.indexOf('account_id');
const REGION = EVENT_COLUMNS.indexOf('region');
const RESOURCES = EVENT_COLUMNS.indexOf('resources');
const HASH = EVENT_COLUMNS.indexOf('hash');
// A journaled record's canonical values are its row's, seq in FORMAT's place and the two hashes
// after: the journal's indexer builds rows that way, so the two orders must not drift apart.
if (EVENT_COLUMNS.slice(1, 1 + CANONICAL_COLUMNS.length).join() !== CANONICAL_COLUMNS.join()
  || EVENT_COLUMNS.slice(1 + CANONICAL_COLUMNS.length).join() !== 'prev_hash,hash') {
  throw new Error('audit_events columns and the canonical record are out of step');
}

/**
 * Appends one record to the audit chain and moves the head, in one transaction. The head row is
 * locked first, so appenders in several server processes sharing one PostgreSQL take turns;
 * SQLite has one writer, and taking the write lock before reading keeps its snapshot current.
 */
export async function appendAuditEvent(db: Db, chainKey: Buffer, event: AuditEventInput): Promise<AuditEvent> {
  const [row] = await appendAuditEvents(db, chainKey, [event]);
  return row;
}

/**
 * Appends several records, in order, in one transaction: one head lock and one head update
 * for the lot. This is how a busy server keeps an audit record per call without a
 * transaction per call (see writer.ts).
 */
export async function appendAuditEvents(db: Db, chainKey: Buffer, events: AuditEventInput[]): Promise<AuditEvent[]> {
  if (events.length === 0) return [];
  const postgres = dialectOf(db) === 'postgres';
  const fields = events.map(toFields);
  return db.transaction().execute(async (trx) => {
    const rows = chainRecords(chainKey, await lockHead(trx, postgres), fields);
    await storeRows(trx, postgres, chainKey, rows.map((row) => EVENT_COLUMNS.map((column) => row[column])));
    return rows;
  });
}

/**
 * Chains records after `head`: each gets the next seq, the previous record's hash as prev_hash,
 * and its own HMAC. Pure; the caller stores the rows and moves the head (here under the head
 * lock; the SQLite server's journal, journal.ts, from the head it keeps in memory).
 */
export function chainRecords(chainKey: Buffer, head: { seq: number; hash: string }, records: ChainedFields[]): AuditEvent[] {
  let { seq, hash } = head;
  return records.map((fields) => {
    seq += 1;
    const next = recordHash(chainKey, hash, fields);
    const row = { seq, ...fields, prev_hash: hash, hash: next };
    hash = next;
    return row;
  });
}

/** One journaled record: its place in the chain and its canonical text (chain.ts). */
export interface JournalRecord {
  seq: number;
  canonical: string;
}

/**
 * Chains journaled records onto the stored head and stores them, moving the head to the last,
 * in the caller's transaction. Records the table already holds (seq at or below its head) are
 * skipped, so a batch can be stored again after a failure; a gap in the seqs throws rather than
 * storing a broken chain. The hash is taken over the journal's own text, so what is stored is
 * exactly what was journaled.
 */
export async function storeJournalRecords(trx: Transaction<Database>, chainKey: Buffer, records: JournalRecord[]): Promise<number> {
  const postgres = isPostgres(trx);
  const head = await lockHead(trx, postgres);
  let { seq, hash } = head;
  const rows: unknown[][] = [];
  for (const record of records) {
    if (record.seq <= head.seq) continue;
    if (record.seq !== seq + 1) {
      throw new Error(`audit journal record ${record.seq} does not continue the stored chain (head ${seq})`);
    }
    const next = canonicalHash(chainKey, hash, record.canonical);
    // The row as values straight from the canonical array: no object per record.
    const row = canonicalValues(record.canonical);
    row[SEQ] = record.seq;
    row.push(hash, next);
    rows.push(row);
    seq = record.seq;
    hash = next;
  }
  if (rows.length > 0) await storeRows(trx, postgres, chainKey, rows);
  return seq;
}

/** Rows per INSERT: few sizes, so a handful of statement texts serve every batch. */
const CHUNK_SIZES = [128, 32, 8, 1];

/**
 * `rows` cut into INSERTs of the CHUNK_SIZES, largest first. A statement per batch size made
 * the SQLite indexer compile a new statement for most batches (a tenth of its time), and
 * PostgreSQL caps the bind parameters of one statement.
 */
export function fixedChunks<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let at = 0;
  for (const size of CHUNK_SIZES) {
    while (rows.length - at >= size) {
      chunks.push(rows.slice(at, at + size));
      at += size;
    }
  }
  return chunks;
}

/** Inserts chained rows (EVENT_COLUMNS' values) and their resource index rows, and moves the head to the last row. */
async function storeRows(trx: Transaction<Database>, postgres: boolean, chainKey: Buffer, rows: unknown[][]): Promise<void> {
  const index: unknown[][] = [];
  for (const row of rows) {
    for (const r of JSON.parse(row[RESOURCES] as string) as Array<{ type: string; name: string }>) {
      index.push([row[EVENT_ID], row[ACCOUNT_ID], row[REGION], r.type, r.name]);
    }
  }
  for (const chunk of fixedChunks(rows)) await insertValues(trx, postgres, 'audit_events', EVENT_COLUMNS, chunk);
  for (const chunk of fixedChunks(index)) await insertValues(trx, postgres, 'audit_event_resources', RESOURCE_COLUMNS, chunk);
  const last = rows[rows.length - 1];
  const [lastSeq, lastHash] = [last[SEQ] as number, last[HASH] as string];
  await trx.executeQuery(CompiledQuery.raw(
    postgres
      ? `update "audit_chain_head" set "seq" = $1, "hash" = $2, "mac" = $3 where "id" = 'main'`
      : `update "audit_chain_head" set "seq" = ?, "hash" = ?, "mac" = ? where "id" = 'main'`,
    [lastSeq, lastHash, headMac(chainKey, lastSeq, lastHash)],
  ));
}

async function lockHead(trx: Transaction<Database>, postgres: boolean): Promise<{ seq: number; hash: string }> {
  // SQLite: a no-op write that returns the row, so the transaction holds the write lock from
  // here on (waiting on busy_timeout) instead of failing with SQLITE_BUSY when it upgrades later;
  // one statement where a write and a read used to be two.
  const { rows } = await trx.executeQuery<{ seq: number; hash: string }>(CompiledQuery.raw(postgres
    ? `select "seq", "hash" from "audit_chain_head" where "id" = 'main' for update`
    : `update "audit_chain_head" set "seq" = "seq" where "id" = 'main' returning "seq", "hash"`));
  const head = rows[0];
  if (!head) throw new Error('the audit chain head row is missing; run the audit verification');
  return { seq: Number(head.seq), hash: head.hash };
}

/** The stored columns of one event: secrets redacted, JSON as text, CloudTrail's identity names. */
export function toFields(event: AuditEventInput): ChainedFields {
  const p = event.principal;
  const request = redact(event.requestParameters ?? {}, event.sensitiveRequestPaths ?? []);
  const response = event.responseElements === undefined
    ? undefined
    : redact(event.responseElements, event.sensitiveResponsePaths ?? []);
  return {
    event_id: event.eventId ?? newEventId(),
    event_time: event.eventTime.toISOString(),
    account_id: event.accountId,
    region: event.region,
    principal_type: p ? identityType(p) : null,
    principal_arn: p?.arn ?? null,
    principal_id: p?.userId ?? null,
    user_name: p ? lookupUsername(p) : null,
    access_key_id: p?.accessKeyId ?? null,
    source_ip: event.sourceIp,
    user_agent: event.userAgent,
    event_source: event.eventSource,
    event_name: event.eventName,
    read_only: event.readOnly ? 1 : 0,
    request_parameters: JSON.stringify(request),
    response_elements: response === undefined || response === null ? null : JSON.stringify(response),
    error_code: event.errorCode ?? null,
    error_message: event.errorMessage ?? null,
    request_id: event.requestId,
    resources: resourcesJson(event.resources),
  };
}

// AWS: CloudTrail's userIdentity.type values.
function identityType(p: AuditPrincipal): string {
  switch (p.type) {
    case 'root': return 'Root';
    case 'user': return 'IAMUser';
    case 'assumed-role': return 'AssumedRole';
    case 'federated-user': return 'FederatedUser';
  }
}

// AWS: LookupEvents' Username is the user name, `root` for the root user, and the role session
// name for an assumed role (the last part of its ARN).
function lookupUsername(p: AuditPrincipal): string {
  switch (p.type) {
    case 'root': return 'root';
    case 'user': return p.userName ?? p.name;
    case 'assumed-role': return p.arn.split('/').pop() ?? p.name;
    case 'federated-user': return p.name;
  }
}

/** The record's resources as stored: type, name and (when known) ARN of each. */
function resourcesJson(resources: AuditEventInput['resources']): string {
  if (resources === undefined || resources.length === 0) return '[]';
  return JSON.stringify(resources.map((r) => (r.arn ? { type: r.type, name: r.name, arn: r.arn } : { type: r.type, name: r.name })));
}
