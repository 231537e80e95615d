/**
 * The audit writer's thread on SQLite (started by sqlite-writer.ts through sqlite-worker.mjs).
 * It owns a second connection to the database file and appends the records the serving thread
 * posts: one transaction per batch (lock the head, chain and insert every record with its
 * resource rows, move the head), then it posts back which batches are committed. The chain is
 * computed here, under the head lock, exactly as append.ts does on the serving thread, so both
 * can append to one chain (and so can other server processes).
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { headMac, recordHash, type ChainedFields } from './chain';
import type { AuditEventsTable } from './tables';

/** One record as the serving thread sends it: its stored columns and its resources. */
export interface WorkerRecord {
  fields: ChainedFields;
  resources: Array<{ type: string; name: string }>;
}
/** serving thread → worker */
export interface WorkerBatch { id: number; records: WorkerRecord[] }
/** worker → serving thread: batches committed, or failed with a message. */
export type WorkerReply = { done: number[] } | { failed: number[]; message: string };

const EVENT_COLUMNS: ReadonlyArray<keyof AuditEventsTable> = [
  'seq', 'event_id', 'event_time', 'account_id', 'region', 'principal_type', 'principal_arn',
  'principal_id', 'user_name', 'access_key_id', 'source_ip', 'user_agent', 'event_source',
  'event_name', 'read_only', 'request_parameters', 'response_elements', 'error_code',
  'error_message', 'request_id', 'resources', 'prev_hash', 'hash',
];

const port = parentPort;
if (!port) throw new Error('sqlite-worker.ts runs as a worker thread');
const { file, chainKey } = workerData as { file: string; chainKey: Uint8Array };
const key = Buffer.from(chainKey);

const handle = new SQLite(file);
handle.pragma('journal_mode = WAL');
handle.pragma('synchronous = NORMAL');
handle.pragma('busy_timeout = 5000');
const begin = handle.prepare('begin immediate');
const commit = handle.prepare('commit');
const rollback = handle.prepare('rollback');
// A no-op write that returns the row: the write lock is held already (begin immediate).
const lockHead = handle.prepare<[], { seq: number; hash: string }>(`update "audit_chain_head" set "seq" = "seq" where "id" = 'main' returning "seq", "hash"`);
const moveHead = handle.prepare(`update "audit_chain_head" set "seq" = ?, "hash" = ?, "mac" = ? where "id" = 'main'`);
const insertEvent = handle.prepare(`insert into "audit_events" (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
const insertResource = handle.prepare(`insert into "audit_event_resources" ("event_id", "account_id", "region", "resource_type", "resource_name") values (?, ?, ?, ?, ?)`);

let queue: WorkerBatch[] = [];
let scheduled = false;

port.on('message', (batch: WorkerBatch) => {
  queue.push(batch);
  // Messages that arrived together share one transaction.
  if (!scheduled) {
    scheduled = true;
    setImmediate(writeQueued);
  }
});

function writeQueued(): void {
  scheduled = false;
  const batches = queue;
  queue = [];
  const ids = batches.map((b) => b.id);
  try {
    append(batches);
    port!.postMessage({ done: ids } satisfies WorkerReply);
  } catch (error) {
    if (handle.inTransaction) rollback.run();
    port!.postMessage({ failed: ids, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  }
}

function append(batches: WorkerBatch[]): void {
  begin.run();
  const head = lockHead.get();
  if (!head) throw new Error('the audit chain head row is missing; run the audit verification');
  let seq = Number(head.seq);
  let hash = head.hash;
  for (const batch of batches) {
    for (const { fields: f, resources } of batch.records) {
      seq += 1;
      const next = recordHash(key, hash, f);
      insertEvent.run(
        seq, f.event_id, f.event_time, f.account_id, f.region, f.principal_type, f.principal_arn,
        f.principal_id, f.user_name, f.access_key_id, f.source_ip, f.user_agent, f.event_source,
        f.event_name, f.read_only, f.request_parameters, f.response_elements, f.error_code,
        f.error_message, f.request_id, f.resources, hash, next,
      );
      for (const r of resources) insertResource.run(f.event_id, f.account_id, f.region, r.type, r.name);
      hash = next;
    }
  }
  moveHead.run(seq, hash, headMac(key, seq, hash));
  commit.run();
}
