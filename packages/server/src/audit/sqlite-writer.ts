import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { toFields } from './append';
import type { AuditEventInput } from './types';
import type { WorkerBatch, WorkerRecord, WorkerReply } from './sqlite-worker';

type Waiter = { resolve: () => void; reject: (error: Error) => void };

/**
 * Audit appends on SQLite, written by a thread of their own (sqlite-worker.ts) on its own
 * connection. better-sqlite3 is synchronous, so on the serving thread every group commit (head
 * lock, inserts, index updates, the WAL writes of the commit and its checkpoints) stopped all
 * requests while it ran: it was the largest share of a GetParameter's serving time.
 *
 * The serving thread still makes each record's columns (redaction, JSON, the event id), so
 * nothing but plain strings crosses to the thread, and sends the records of one event-loop turn
 * as one message. A call is answered only once the thread says its batch is committed, so the
 * guarantee is the one the in-process group commit gave: no answer without a durable record.
 * A stopped or failed thread fails the records it held (their callers log it, as before) and
 * the next records go to a new thread.
 */
export class SqliteAuditThread {
  private worker: Worker | undefined;
  private pending: WorkerRecord[] = [];
  private pendingWaiters: Waiter[] = [];
  private scheduled = false;
  private nextId = 1;
  private readonly inFlight = new Map<number, Waiter[]>();
  private idle: Array<() => void> = [];
  private started = false;
  /** The thread could not start at all (it failed before its first reply): use the serving thread. */
  broken = false;

  constructor(private readonly file: string, private readonly chainKey: Buffer, private readonly logger: Logger) {}

  record(event: AuditEventInput): Promise<void> {
    // Made here, so a bad event fails its own caller only.
    let record: WorkerRecord;
    try {
      record = { fields: toFields(event), resources: (event.resources ?? []).map((r) => ({ type: r.type, name: r.name })) };
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push(record);
      this.pendingWaiters.push({ resolve, reject });
      // The records of this turn of the event loop go as one message, and only one message is
      // in flight: records that come while the thread commits go together in the next one
      // (waking the thread was a visible cost when every turn sent its own).
      if (!this.scheduled && this.inFlight.size === 0) {
        this.scheduled = true;
        setImmediate(() => this.send());
      }
    });
  }

  /** Resolves once every record handed over so far is committed (or failed). */
  flush(): Promise<void> {
    if (!this.scheduled && this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Flushes, then stops the thread and closes its connection. */
  async close(): Promise<void> {
    await this.flush();
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private send(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch: WorkerBatch = { id: this.nextId++, records: this.pending };
    this.inFlight.set(batch.id, this.pendingWaiters);
    this.pending = [];
    this.pendingWaiters = [];
    const worker = this.thread();
    worker.ref();
    worker.postMessage(batch);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./sqlite-worker.mjs', import.meta.url), {
      workerData: { file: this.file, chainKey: new Uint8Array(this.chainKey) },
    });
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the audit writer thread exited (${code})`)));
    // Kept alive only while records are in flight (send/settle), so an idle writer never holds
    // the process open; shutdown flushes and closes it (server.ts).
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    this.started = true;
    const failure = 'failed' in reply ? new Error(`could not append audit records: ${reply.message}`) : undefined;
    if (failure) this.logger.error({ err: failure }, 'could not append audit records');
    for (const id of 'failed' in reply ? reply.failed : reply.done) {
      const waiters = this.inFlight.get(id) ?? [];
      this.inFlight.delete(id);
      for (const w of waiters) (failure ? w.reject(failure) : w.resolve());
    }
    if (this.pending.length > 0 && this.inFlight.size === 0 && !this.scheduled) this.send();
    if (this.inFlight.size === 0) this.worker?.unref();
    this.checkIdle();
  }

  /** The thread is gone: what it held is failed (not known to be committed); a new one starts on demand. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (!this.started) {
      this.broken = true;
      this.logger.warn({ err: error }, 'the audit writer thread could not start; appending on the serving thread');
    }
    if (this.inFlight.size > 0) this.logger.error({ err: error, batches: this.inFlight.size }, 'the audit writer thread stopped with records in flight');
    for (const waiters of this.inFlight.values()) for (const w of waiters) w.reject(error);
    this.inFlight.clear();
    if (this.broken) {
      // Nothing here will write them: their callers log it, and later records go in-process.
      for (const w of this.pendingWaiters) w.reject(error);
      this.pending = [];
      this.pendingWaiters = [];
    } else if (this.pending.length > 0 && !this.scheduled) {
      this.send();
    }
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.scheduled || this.inFlight.size > 0 || this.pending.length > 0) return;
    const idle = this.idle;
    this.idle = [];
    for (const resolve of idle) resolve();
  }
}
