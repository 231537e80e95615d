import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Db } from '../db/index';
import { storeJournalRecords, toFields, type JournalRecord } from './append';
import { canonicalRecord, fieldsFromCanonical } from './chain';
import type { AuditEventInput } from './types';

/** A journal file is closed and a new one begun past this size; indexed files are deleted. */
const ROTATE_BYTES = 64 * 1024 * 1024;
/** Records stored per transaction, by the indexer and by recovery. */
export const INDEX_CHUNK = 500;
/** After the indexer failed (the database busy for 5 s, say), it is sent the records again after this. */
const RETRY_MS = 1_000;
/**
 * The indexer is sent records at most this often (unless a reader waits for them), so a busy
 * server hands it hundreds per message: per record, a transaction of a few costs the thread
 * twice what one of hundreds does, and every message wakes both threads.
 */
const SEND_EVERY_MS = 25;

const journalName = (firstSeq: number) => `journal-${String(firstSeq).padStart(16, '0')}.jsonl`;
const isJournalName = (name: string) => /^journal-\d{16}\.jsonl$/.test(name);

const journals = new WeakMap<object, AuditJournal>();

/** A stretch of a journal file, whole lines, that the indexer has yet to store. */
export interface JournalSegment {
  file: string;
  start: number;
  end: number;
}

/**
 * The records of journal text: one per line, `<seq> <canonical record>` (chain.ts's
 * canonicalRecord, the very text the chain hashes). Throws, naming `where` and the line, on a
 * line that is not one; `check` also parses each record (recovery does; the indexer reads
 * what this process just wrote).
 */
export function parseJournalText(text: string, where: string, options: { check?: boolean } = {}): JournalRecord[] {
  const records: JournalRecord[] = [];
  let at = 0;
  let line = 1;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    const space = text.indexOf(' ', at);
    const seq = space > at && space < stop ? Number(text.slice(at, space)) : NaN;
    const canonical = Number.isSafeInteger(seq) && seq >= 1 ? text.slice(space + 1, stop) : '';
    if (canonical === '' || (options.check === true && !isCanonical(canonical))) {
      const consequence = options.check === true ? '; the server will not start until it is repaired or moved away' : '';
      throw new Error(`the audit journal ${where} has a damaged record on line ${line}${consequence}`);
    }
    records.push({ seq, canonical });
    at = stop + 1;
    line += 1;
  }
  return records;
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
 * The SQLite server's audit log, written in two steps. A call's record is chained and appended
 * to a journal file (one write per batch, on the serving thread) before the call is answered;
 * a thread of its own with its own connection (journal-indexer.ts) then stores the records in
 * the audit tables, many per transaction, while the serving thread goes on. Storing a record
 * (five B-tree inserts and their share of the commit) cost more of the serving thread than
 * anything else a GetParameter does; a file append costs a few microseconds.
 *
 * The serving thread numbers the records from the seq it keeps (one server process owns a SQLite
 * database, claimSqliteForServer, so nothing else appends) and writes each in its canonical
 * form; the indexer chains them (prev_hash, HMAC) as it stores them, over the same text. The
 * chain key is in the data directory beside the journal, so hashing later protects no less.
 * A record is as durable as
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
  /** Indexed through this seq. */
  private indexed: number;
  /** Journal text not yet handed to the indexer (where it is in the files), and the seq it ends at. */
  private pending: JournalSegment[] = [];
  private pendingLast = 0;
  /** The batch the indexer holds (kept until it says it is stored, to send again if it fails). */
  private inFlight: { segments: JournalSegment[]; last: number } | undefined;
  private retry: NodeJS.Timeout | undefined;
  private later: NodeJS.Timeout | undefined;
  private lastSent = 0;
  private worker: Worker | undefined;
  private closing = false;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  /** Closed journal files, deleted once indexed through their last record. */
  private closedFiles: Array<{ file: string; last: number }> = [];

  private constructor(
    private readonly databaseFile: string,
    private readonly dir: string,
    private readonly chainKey: Buffer,
    private readonly logger: Logger,
    seq: number,
  ) {
    this.seq = seq;
    this.indexed = seq;
    this.file = path.join(dir, journalName(seq + 1));
    this.fd = fs.openSync(this.file, 'a', 0o600);
  }

  /**
   * Stores in the audit tables whatever the journal files in `dir` hold beyond the tables' head
   * (an earlier run ended before its indexer caught up, or was killed), deletes those files and
   * starts a new one. A record cut short by a kill was never acknowledged and is dropped.
   */
  static async open(db: Db, databaseFile: string, dir: string, chainKey: Buffer, logger: Logger): Promise<AuditJournal> {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const files = fs.readdirSync(dir).filter(isJournalName).sort();
    const records: JournalRecord[] = [];
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      // After the last newline: nothing, or a record whose write was cut short (never acknowledged).
      // Only the last line can be cut short by a kill; anything else was changed by hand or by the disk.
      records.push(...parseJournalText(text.slice(0, text.lastIndexOf('\n') + 1), path.join(dir, name), { check: true }));
    }
    // Chained as they are stored.
    for (let i = 0; i < records.length; i += INDEX_CHUNK) {
      const chunk = records.slice(i, i + INDEX_CHUNK);
      await db.transaction().execute((trx) => storeJournalRecords(trx, chainKey, chunk));
    }
    if (records.length > 0) logger.info({ records: records.length }, 'audit records from the journal stored');
    for (const name of files) fs.rmSync(path.join(dir, name));
    const head = await db.selectFrom('audit_chain_head').select('seq').where('id', '=', 'main').executeTakeFirstOrThrow();
    const journal = new AuditJournal(databaseFile, dir, chainKey, logger, Number(head.seq));
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
    let text = '';
    for (const event of events) text += `${++seq} ${canonicalRecord(toFields(event))}\n`;
    const bytes = Buffer.from(text);
    try {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(this.fd, bytes, at);
    } catch (error) {
      // A part written (disk full) would break the next record's line: cut it off again.
      try { fs.ftruncateSync(this.fd, this.size); } catch { /* the next start drops a cut-short line */ }
      throw error;
    }
    const start = this.size;
    this.size += bytes.length;
    this.seq = seq;
    const open = this.pending[this.pending.length - 1];
    if (open !== undefined && open.file === this.file && open.end === start) open.end = this.size;
    else this.pending.push({ file: this.file, start, end: this.size });
    this.pendingLast = seq;
    if (this.size >= ROTATE_BYTES) this.rotate();
    this.send();
    return seq;
  }

  /** Resolves once everything appended so far is in the audit tables. */
  flush(): Promise<void> {
    if (this.indexed >= this.seq) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ seq: this.seq, resolve });
      this.send(true);
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
    clearTimeout(this.retry);
    clearTimeout(this.later);
    await this.worker?.terminate();
    this.worker = undefined;
    fs.closeSync(this.fd);
    if (this.indexed >= this.seq) {
      for (const f of [...this.closedFiles.map((c) => c.file), this.file]) fs.rmSync(f, { force: true });
    }
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    this.closedFiles.push({ file: this.file, last: this.seq });
    this.file = path.join(this.dir, journalName(this.seq + 1));
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.size = 0;
  }

  /** Hands the pending records to the indexer, one batch at a time; `now`: a reader waits. */
  private send(now = false): void {
    if (this.closing || this.inFlight !== undefined || this.retry !== undefined || this.pending.length === 0) return;
    const wait = this.lastSent + SEND_EVERY_MS - performance.now();
    if (!now && wait > 0) {
      this.later ??= setTimeout(() => {
        this.later = undefined;
        this.send();
      }, wait).unref();
      return;
    }
    clearTimeout(this.later);
    this.later = undefined;
    this.lastSent = performance.now();
    // Where the records are, not their text: the indexer reads the files itself.
    this.inFlight = { segments: this.pending, last: this.pendingLast };
    this.pending = [];
    this.indexer().postMessage(this.inFlight);
  }

  private indexer(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./journal-indexer.mjs', import.meta.url), {
      workerData: { databaseFile: this.databaseFile, chainKey: this.chainKey },
    });
    // The server's own handles keep the process alive; the indexer does not.
    worker.unref();
    worker.on('message', (reply: { indexed?: number; failed?: string }) => {
      if (reply.indexed !== undefined) this.stored(reply.indexed);
      else this.failed(new Error(reply.failed));
    });
    worker.on('error', (error) => this.failed(error));
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (!this.closing && this.inFlight) this.failed(new Error('the audit indexer thread stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private stored(seq: number): void {
    this.indexed = Math.max(this.indexed, seq);
    this.inFlight = undefined;
    this.waiters = this.waiters.filter((w) => {
      if (w.seq > this.indexed) return true;
      w.resolve();
      return false;
    });
    this.closedFiles = this.closedFiles.filter((c) => {
      if (c.last > this.indexed) return true;
      fs.rm(c.file, { force: true }, () => {});
      return false;
    });
    this.send();
  }

  private failed(error: Error): void {
    if (this.closing) return;
    this.logger.error({ err: error }, 'could not store audit records from the journal; trying again');
    // What the indexer held goes first again; storing skips records already stored.
    if (this.inFlight) {
      this.pending = [...this.inFlight.segments, ...this.pending];
      if (this.pendingLast < this.inFlight.last) this.pendingLast = this.inFlight.last;
      this.inFlight = undefined;
    }
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.send();
    }, RETRY_MS);
    this.retry.unref();
  }
}
