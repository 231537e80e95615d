import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Db } from '../db/index';
import { storeJournalRecords, toFields, type JournalRecord } from './append';
import { hmacSha256Hex } from '../crypto/hmac';
import { canonicalRecord, fieldsFromCanonical, sameDigest } from './chain';
import type { AuditEventInput } from './types';

/** A journal file is closed and a new one begun past this size; indexed files are deleted. */
const ROTATE_BYTES = 64 * 1024 * 1024;
/** Records stored per transaction, by the indexer and by recovery. */
export const INDEX_CHUNK = 500;
/** After the indexer failed (the database busy for 5 s, say) it tries again after this. */
export const RETRY_MS = 1_000;
/**
 * The indexer stores records at most this often (unless a reader waits for them), so a busy
 * server's transactions hold hundreds: per record, a transaction of a few costs the thread
 * twice what one of hundreds does. 100 ms against 25: the indexer's and the serving thread's CPU
 * per call both lower (A/B under bench:parameters load: process 305 → 278 µs per call, +10%
 * req/s in every window); 250 ms gained nothing more.
 */
export const INDEX_EVERY_MS = 100;


const journals = new WeakMap<object, AuditJournal>();

// Slots of the state the serving thread and the indexer share (a BigInt64Array).
/** The last seq written to the journal (the serving thread moves it, after the write). */
export const JOURNALED = 0;
/** The last seq stored in the audit tables (the indexer moves it). */
export const INDEXED = 1;
/** 1 while a reader waits for the indexer: it then answers each store with a message. */
export const WANTED = 2;
/** 1 while the indexer, caught up, waits for JOURNALED to move; the serving thread then wakes it. */
export const SLEEPING = 3;
/** The first seq of the file the serving thread writes (its name); files before it are closed. */
export const FILE = 4;
const SLOTS = 5;

export const journalName = (firstSeq: number) => `journal-${String(firstSeq).padStart(16, '0')}.jsonl`;
export const isJournalName = (name: string) => /^journal-\d{16}\.jsonl$/.test(name);

/**
 * One batch as the journal holds it: a line per record, `<seq> <canonical record>` (chain.ts's
 * canonicalRecord, the very text the chain hashes), then `#<HMAC of those lines>`. The batch's
 * HMAC stands in for the records' chain hashes, which the indexer computes as it stores them:
 * a record changed in the journal before it is stored does not match its batch.
 */
export function journalBatch(chainKey: Buffer, records: JournalRecord[]): string {
  let lines = '';
  for (const r of records) lines += `${r.seq} ${r.canonical}\n`;
  return `${lines}#${batchMac(chainKey, lines)}\n`;
}

const batchMac = (chainKey: Buffer, lines: string): string => hmacSha256Hex(chainKey, lines);

/**
 * The records of journal text, batch by batch, and how many characters of it those batches
 * take. A batch without its HMAC line yet (its write cut short by a kill, or still under way)
 * ends the text read. Throws, naming `where` and the line, on a line that is not a record or
 * a batch whose HMAC does not match; `check` also parses each record (recovery does; the
 * indexer reads what this process just wrote).
 */
export function parseJournalText(text: string, where: string, chainKey: Buffer, options: { check?: boolean } = {}): { records: JournalRecord[]; consumed: number } {
  const records: JournalRecord[] = [];
  const consequence = options.check === true ? '; the server will not start until it is repaired or moved away' : '';
  let batch: JournalRecord[] = [];
  let batchStart = 0;
  let batchLine = 1;
  let consumed = 0;
  let at = 0;
  let line = 1;
  for (;;) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    if (text.charCodeAt(at) === 0x23 /* # */) {
      if (!sameDigest(text.slice(at + 1, end), batchMac(chainKey, text.slice(batchStart, at)))) {
        throw new Error(`the audit journal ${where} has records on lines ${batchLine}-${line} that do not match their batch's HMAC${consequence}`);
      }
      for (const r of batch) records.push(r);
      batch = [];
      consumed = end + 1;
      batchStart = end + 1;
      batchLine = line + 1;
    } else {
      const space = text.indexOf(' ', at);
      const seq = space > at && space < end ? Number(text.slice(at, space)) : NaN;
      const canonical = Number.isSafeInteger(seq) && seq >= 1 ? text.slice(space + 1, end) : '';
      if (canonical === '' || (options.check === true && !isCanonical(canonical))) {
        throw new Error(`the audit journal ${where} has a damaged record on line ${line}${consequence}`);
      }
      batch.push({ seq, canonical });
    }
    at = end + 1;
    line += 1;
  }
  return { records, consumed };
}

/**
 * Resolves once every audit record appended so far is in the audit tables. Readers of the audit
 * log (LookupEvents, verification, the console) call it first; a no-op where no journal is in
 * use (PostgreSQL, tests that build a server context of their own).
 */
export async function auditIndexed(db: object): Promise<void> {
  await journals.get(db)?.flush();
}

function isCanonical(text: string): boolean {
  try {
    fieldsFromCanonical(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The SQLite server's audit log, written in two steps. A call's record is appended to a journal
 * file (one write per batch, on the serving thread) before the call is answered;
 * a thread of its own with its own connection (journal-indexer.ts) then stores the records in
 * the audit tables, many per transaction, while the serving thread goes on. Storing a record
 * (five B-tree inserts and their share of the commit) cost more of the serving thread than
 * anything else a GetParameter does; a file append costs a few microseconds.
 *
 * The serving thread numbers the records from the seq it keeps (one server process owns a SQLite
 * database, claimSqliteForServer, so nothing else appends) and writes each in its canonical
 * form, each batch with an HMAC under the chain key; the indexer checks the batch and chains
 * its records (prev_hash, HMAC) as it stores them, over the same text. One HMAC per batch
 * instead of one per record, on the serving thread. A record is as durable as
 * the journal's write: it survives the process being killed at any point; at the next start,
 * `open` stores what the journal holds beyond the tables' head before anything else is served.
 * Like CloudTrail, which shows calls in LookupEvents minutes after they were made, the tables
 * trail the journal; unlike it, readers wait for them (auditIndexed) and see every record.
 */
export class AuditJournal {
  private fd: number;
  private file: string;
  private size = 0;
  /** The last seq journaled. */
  private seq: number;
  /**
   * What the two threads share, so that handing records over costs the serving thread no
   * message (each one measured tens of microseconds of its time, and woke the other thread).
   */
  private readonly state = new BigInt64Array(new SharedArrayBuffer(SLOTS * 8));
  private worker: Worker | undefined;
  private restart: NodeJS.Timeout | undefined;
  private closing = false;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];

  private constructor(
    private readonly databaseFile: string,
    private readonly dir: string,
    private readonly chainKey: Buffer,
    private readonly logger: Logger,
    seq: number,
    private readonly rotateBytes: number,
  ) {
    this.seq = seq;
    this.file = path.join(dir, journalName(seq + 1));
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.state[JOURNALED] = BigInt(seq);
    this.state[INDEXED] = BigInt(seq);
    this.state[FILE] = BigInt(seq + 1);
    this.startIndexer();
  }

  /**
   * Stores in the audit tables whatever the journal files in `dir` hold beyond the tables' head
   * (an earlier run ended before its indexer caught up, or was killed), deletes those files and
   * starts a new one. A record cut short by a kill was never acknowledged and is dropped.
   */
  static async open(
    db: Db,
    databaseFile: string,
    dir: string,
    chainKey: Buffer,
    logger: Logger,
    options: { rotateBytes?: number } = {},
  ): Promise<AuditJournal> {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const files = fs.readdirSync(dir).filter(isJournalName).sort();
    const records: JournalRecord[] = [];
    for (const name of files) {
      // After the last whole batch: nothing, or a batch whose write a kill cut short, never acknowledged.
      // Anything else that does not parse or match was changed by hand or by the disk.
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      records.push(...parseJournalText(text, path.join(dir, name), chainKey, { check: true }).records);
    }
    // Chained as they are stored.
    for (let i = 0; i < records.length; i += INDEX_CHUNK) {
      const chunk = records.slice(i, i + INDEX_CHUNK);
      await db.transaction().execute((trx) => storeJournalRecords(trx, chainKey, chunk));
    }
    if (records.length > 0) logger.info({ records: records.length }, 'audit records from the journal stored');
    for (const name of files) fs.rmSync(path.join(dir, name));
    const head = await db.selectFrom('audit_chain_head').select('seq').where('id', '=', 'main').executeTakeFirstOrThrow();
    const journal = new AuditJournal(databaseFile, dir, chainKey, logger, Number(head.seq), options.rotateBytes ?? ROTATE_BYTES);
    journals.set(db, journal);
    return journal;
  }

  /**
   * Numbers the records after the last one and writes them to the journal; returns the last seq.
   * Throws, with nothing written and the seq unmoved, if the journal cannot be written.
   */
  append(events: AuditEventInput[]): number {
    if (events.length === 0) return this.seq;
    let seq = this.seq;
    const records: JournalRecord[] = [];
    for (const event of events) records.push({ seq: ++seq, canonical: canonicalRecord(toFields(event)) });
    const bytes = Buffer.from(journalBatch(this.chainKey, records));
    try {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(this.fd, bytes, at);
    } catch (error) {
      // A part written (disk full) would break the next record's line: cut it off again.
      try { fs.ftruncateSync(this.fd, this.size); } catch { /* the next start drops a cut-short line */ }
      throw error;
    }
    this.size += bytes.length;
    this.seq = seq;
    Atomics.store(this.state, JOURNALED, BigInt(seq));
    // The indexer sleeps only when it has caught up; then it is woken for this batch.
    if (Atomics.load(this.state, SLEEPING) !== 0n) Atomics.notify(this.state, JOURNALED);
    if (this.size >= this.rotateBytes) this.rotate();
    return seq;
  }

  /** Resolves once everything appended so far is in the audit tables. */
  flush(): Promise<void> {
    if (Number(Atomics.load(this.state, INDEXED)) >= this.seq) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ seq: this.seq, resolve });
      // Ask for a message when it stores, and cut its wait for more records short.
      Atomics.store(this.state, WANTED, 1n);
      Atomics.notify(this.state, WANTED);
      // It may have stored everything just before it could see the request.
      this.stored(Number(Atomics.load(this.state, INDEXED)));
    });
  }

  /**
   * Waits for the indexer to store everything (at most `timeoutMs`; what it has not stored
   * stays in the journal for the next start), then stops it and closes the journal.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((r) => { timer = setTimeout(r, timeoutMs); })]);
    clearTimeout(timer);
    this.closing = true;
    clearTimeout(this.restart);
    await this.worker?.terminate();
    this.worker = undefined;
    fs.closeSync(this.fd);
    if (Number(Atomics.load(this.state, INDEXED)) >= this.seq) {
      for (const name of fs.readdirSync(this.dir).filter(isJournalName)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    this.file = path.join(this.dir, journalName(this.seq + 1));
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.size = 0;
    // The indexer deletes the closed file once it has stored it and moved on to this one.
    Atomics.store(this.state, FILE, BigInt(this.seq + 1));
  }

  private startIndexer(): void {
    const worker = new Worker(new URL('./journal-indexer.mjs', import.meta.url), {
      workerData: { databaseFile: this.databaseFile, dir: this.dir, chainKey: this.chainKey, state: this.state.buffer },
    });
    // The server's own handles keep the process alive; the indexer does not.
    worker.unref();
    worker.on('message', (reply: { indexed?: number; failed?: string }) => {
      if (reply.indexed !== undefined) this.stored(reply.indexed);
      else this.logger.error({ err: new Error(reply.failed) }, 'could not store audit records from the journal; trying again');
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'the audit indexer thread failed'));
    worker.on('exit', () => {
      if (this.worker !== worker || this.closing) return;
      // It starts again from the stored head; the journal still holds everything after it.
      this.worker = undefined;
      this.restart = setTimeout(() => this.startIndexer(), RETRY_MS);
      this.restart.unref();
    });
    this.worker = worker;
  }

  private stored(seq: number): void {
    this.waiters = this.waiters.filter((w) => {
      if (w.seq > seq) return true;
      w.resolve();
      return false;
    });
    if (this.waiters.length === 0) Atomics.store(this.state, WANTED, 0n);
  }
}
