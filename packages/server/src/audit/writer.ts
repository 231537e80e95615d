import type { Logger } from 'pino';
import { sqliteFileOf, type Db } from '../db/index';
import { appendAuditEvents } from './append';
import { SqliteAuditThread } from './sqlite-writer';
import type { AuditEventInput } from './types';

/**
 * Group commit for the audit log. Each call still waits until its record is durably in the
 * chain before it is answered, but records arriving while a write is in flight share the next
 * transaction, so the cost of the chain-head lock is paid once per batch rather than per call.
 *
 * On a SQLite file the appends run in a thread of their own (sqlite-writer.ts): better-sqlite3
 * blocks the thread that calls it, and the commits were the largest share of the serving
 * thread's time. Each commit from that connection makes the serving connection reload the pages
 * it reads next (~30 µs once per commit, not per read), which batching keeps rare. PostgreSQL
 * (an asynchronous driver; the work is the database server's) and `:memory:` databases (one
 * connection only) append here, on the serving thread's connection.
 */
export class AuditWriter {
  private queue: Array<{ event: AuditEventInput; done: (error?: unknown) => void }> = [];
  private running: Promise<void> | undefined;
  private readonly thread: SqliteAuditThread | undefined;

  constructor(
    private readonly db: Db,
    private readonly chainKey: Buffer,
    private readonly logger: Logger,
    private readonly maxBatch = 500,
  ) {
    const file = sqliteFileOf(db);
    if (file !== undefined) this.thread = new SqliteAuditThread(file, chainKey, logger);
  }

  /** Resolves once the record is committed; rejects if it could not be written. */
  record(event: AuditEventInput): Promise<void> {
    if (this.thread && !this.thread.broken) return this.thread.record(event);
    return new Promise((resolve, reject) => {
      this.queue.push({ event, done: (error) => (error ? reject(error) : resolve()) });
      this.running ??= this.drain();
    });
  }

  /** Waits for everything queued so far. */
  async flush(): Promise<void> {
    await this.thread?.flush();
    while (this.running) await this.running;
  }

  /** Flushes and stops the writer thread, if any (at shutdown, before the database closes). */
  async close(): Promise<void> {
    await this.flush();
    await this.thread?.close();
  }

  private async drain(): Promise<void> {
    // Let the other requests of this tick queue up before the first write.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await appendAuditEvents(this.db, this.chainKey, batch.map((b) => b.event));
        for (const b of batch) b.done();
      } catch (error) {
        this.logger.error({ err: error, records: batch.length }, 'could not append audit records');
        for (const b of batch) b.done(error);
      }
    }
    // Cleared here, in the same step as the empty-queue check. Cleared in a later microtask (a
    // .finally), a record queued in between saw a drain "running" that had already finished, and
    // waited, with its caller, until some later record started a new one.
    this.running = undefined;
  }
}
