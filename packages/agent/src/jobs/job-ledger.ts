/**
 * The at-most-once ledger: every job id the agent has accepted, kept in the state directory so
 * a job is never run twice — not after a reconnect, not after a restart. A job is written down
 * (and fsynced) before it is acknowledged or started; its result is kept until it was sent so a
 * result lost with the connection is sent again on the next one.
 *
 * Format: JSON lines appended as the job moves (received → finished → sent); compacted to one
 * line per job on load.
 */
import fs from 'node:fs';
import type { JobFailure } from '@bosun/protocol/agent/messages';

export type JobState = 'running' | 'finished' | 'sent';

export interface LedgerEntry {
  jobId: string;
  kind: string;
  state: JobState;
  receivedAt: string;
  result?: unknown;
  error?: JobFailure;
}

/** Jobs older than this are forgotten at compaction; the server never resends one that old. */
const KEEP_MS = 30 * 24 * 3600 * 1000;
const KEEP_MAX = 10_000;

export class JobLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private fd: number;

  /**
   * Opens the ledger; jobs that were running when the agent stopped come back as interrupted,
   * except those a plugin will resume (`resumable`), which stay running.
   */
  constructor(
    private readonly file: string,
    resumable: ReadonlySet<string> = new Set(),
  ) {
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const entry = JSON.parse(line) as LedgerEntry;
          this.entries.set(entry.jobId, { ...this.entries.get(entry.jobId), ...entry });
        } catch {
          // a torn last line from a crash mid-write: the job before it is still recorded
        }
      }
    }
    for (const entry of this.entries.values()) {
      if (entry.state === 'running' && !resumable.has(entry.jobId)) {
        entry.state = 'finished';
        entry.result = null;
        entry.error = { code: 'Interrupted', message: 'the agent stopped while this job was running; it was not run again' };
      }
    }
    this.compact();
    this.fd = fs.openSync(file, 'a', 0o600);
  }

  get(jobId: string): LedgerEntry | undefined {
    return this.entries.get(jobId);
  }

  /** Records the job durably; returns false if it was seen before (then it must not run). */
  accept(jobId: string, kind: string): boolean {
    if (this.entries.has(jobId)) return false;
    this.append({ jobId, kind, state: 'running', receivedAt: new Date().toISOString() });
    return true;
  }

  finish(jobId: string, result: unknown, error?: JobFailure): void {
    const entry = this.entries.get(jobId);
    if (entry) this.append({ ...entry, state: 'finished', result, error });
  }

  markSent(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (entry && entry.state === 'finished') this.append({ jobId, kind: entry.kind, receivedAt: entry.receivedAt, state: 'sent' });
  }

  /** Finished jobs whose result has not gone out yet. */
  unsent(): LedgerEntry[] {
    return [...this.entries.values()].filter((e) => e.state === 'finished');
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private append(entry: LedgerEntry): void {
    const merged = { ...this.entries.get(entry.jobId), ...entry };
    if (entry.state === 'sent') delete merged.result;
    this.entries.set(entry.jobId, merged);
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fs.fsyncSync(this.fd);
  }

  private compact(): void {
    const cutoff = Date.now() - KEEP_MS;
    const kept = [...this.entries.values()]
      .filter((e) => e.state !== 'sent' || Date.parse(e.receivedAt) >= cutoff)
      .slice(-KEEP_MAX);
    this.entries.clear();
    for (const e of kept) this.entries.set(e.jobId, e);
    const temp = `${this.file}.tmp`;
    fs.writeFileSync(temp, kept.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
