import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/index';
import { storeJournalRecords } from './append';
import {
  FILE, INDEX_CHUNK, INDEX_EVERY_MS, INDEXED, JOURNALED, RETRY_MS, SLEEPING, WANTED,
  isJournalName, journalName, parseJournalText,
} from './journal';

/**
 * The thread that stores journaled audit records in the audit tables (see journal.ts), on a
 * connection of its own. It follows the journal files itself: the serving thread only moves a
 * counter in memory both threads share, and wakes this one when it was waiting with nothing to
 * do. Records are read whole batches at a time, chained and stored INDEX_CHUNK per
 * transaction; each file it has stored and moved past is deleted. It starts from the tables'
 * head, so a new indexer (after a failure) picks up where the last one stopped.
 */
const { databaseFile, dir, chainKey, state: shared } = workerData as { databaseFile: string; dir: string; chainKey: Uint8Array; state: SharedArrayBuffer };
const key = Buffer.from(chainKey);
const state = new BigInt64Array(shared);
const db = await openDatabase(databaseFile, { migrate: false });
// Node has had Atomics.waitAsync since 16; TypeScript's lib types it from es2024.
const waitAsync = (Atomics as unknown as {
  waitAsync(array: BigInt64Array, index: number, value: bigint, timeoutMs?: number): { value: Promise<string> | string };
}).waitAsync;
// A pending waitAsync holds nothing in the event loop; a listening port does, so the thread stays.
parentPort!.on('message', () => {});

const head = await db.selectFrom('audit_chain_head').select('seq').where('id', '=', 'main').executeTakeFirstOrThrow();
let indexed = Number(head.seq);
const firstSeqOf = (name: string) => Number(name.slice('journal-'.length, -'.jsonl'.length));
const files = fs.readdirSync(dir).filter(isJournalName).map(firstSeqOf).sort((a, b) => a - b);
/** The file holding the record after the head: the newest that starts at or before it. */
let file = files.filter((first) => first <= indexed + 1).pop() ?? indexed + 1;
/** How far into `file` its stored batches reach, in bytes. */
let offset = 0;
for (const first of files) if (first < file) fs.rmSync(path.join(dir, journalName(first)), { force: true });

/** The bytes of `name` from `from` to its end. */
function readFrom(name: string, from: number): Buffer {
  const fd = fs.openSync(name, 'r');
  try {
    const bytes = Buffer.allocUnsafe(Math.max(0, fs.fstatSync(fd).size - from));
    for (let at = 0; at < bytes.length;) {
      const n = fs.readSync(fd, bytes, at, bytes.length - at, from + at);
      if (n === 0) return bytes.subarray(0, at);
      at += n;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}

/** Stores every record up to `target` (the serving thread wrote them before it said so). */
async function catchUp(target: number): Promise<void> {
  while (indexed < target) {
    const name = path.join(dir, journalName(file));
    const bytes = readFrom(name, offset);
    const text = bytes.toString('utf8');
    const { records, consumed } = parseJournalText(text, name, key);
    for (let i = 0; i < records.length; i += INDEX_CHUNK) {
      const chunk = records.slice(i, i + INDEX_CHUNK);
      indexed = await db.transaction().execute((trx) => storeJournalRecords(trx, key, chunk));
    }
    offset += consumed === text.length ? bytes.length : Buffer.byteLength(text.slice(0, consumed));
    if (indexed >= target) break;
    // The rest is in the next file: the serving thread moved on (it rotates after whole batches).
    if (Number(Atomics.load(state, FILE)) === file) {
      throw new Error(`the audit journal ${name} ends at record ${indexed}, before record ${target}`);
    }
    fs.rmSync(name, { force: true });
    file = indexed + 1;
    offset = 0;
  }
}

for (;;) {
  const target = Number(Atomics.load(state, JOURNALED));
  if (target > indexed) {
    try {
      await catchUp(target);
    } catch (error) {
      parentPort!.postMessage({ failed: (error as Error).message });
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      continue;
    }
    Atomics.store(state, INDEXED, BigInt(indexed));
    if (Atomics.load(state, WANTED) !== 0n) parentPort!.postMessage({ indexed });
    // Let records gather, so a busy server's transactions hold hundreds; a waiting reader cuts it short.
    await waitAsync(state, WANTED, 0n, INDEX_EVERY_MS).value;
  } else {
    Atomics.store(state, SLEEPING, 1n);
    await waitAsync(state, JOURNALED, BigInt(target)).value;
    Atomics.store(state, SLEEPING, 0n);
  }
}
