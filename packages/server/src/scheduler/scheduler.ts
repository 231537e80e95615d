import type { Logger } from 'pino';
import type { Db } from '../db/index';
import { tryLead } from './leadership';

/** What a job is given each time it runs. */
export interface JobContext {
  db: Db;
  now(): Date;
  logger: Logger;
}

/** A recurring piece of server work (parameter policies, associations, timeouts…). */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(job: JobContext): Promise<void>;
}

export interface SchedulerOptions {
  db: Db;
  logger: Logger;
  jobs: ScheduledJob[];
  /** How often a follower asks for leadership again (and a leader checks it still holds it). */
  leadershipRetryMs?: number;
  /** How often the leader looks for due jobs. */
  tickMs?: number;
  now?: () => Date;
}

/**
 * Runs registered jobs on one server at a time. Every replica starts a Scheduler; on
 * PostgreSQL only the holder of the advisory lock runs jobs, the others retry for leadership
 * every `leadershipRetryMs`. A job never overlaps itself; a failing job is logged and runs again
 * at its next turn.
 */
export class Scheduler {
  private stopped = false;
  private leading = false;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    const names = new Set<string>();
    for (const job of options.jobs) {
      if (names.has(job.name)) throw new Error(`scheduled job ${job.name} is registered twice`);
      if (!(job.everyMs > 0)) throw new Error(`scheduled job ${job.name} needs a positive everyMs`);
      names.add(job.name);
    }
  }

  /** Whether this server currently runs the jobs. */
  get isLeader(): boolean {
    return this.leading;
  }

  start(): this {
    this.loop ??= this.compete();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.loop;
  }

  private async compete(): Promise<void> {
    const retryMs = this.options.leadershipRetryMs ?? 5_000;
    const { logger } = this.options;
    while (!this.stopped) {
      try {
        const led = await tryLead(this.options.db, (lost) => this.lead(lost), { checkMs: retryMs });
        if (led && !this.stopped) logger.warn('scheduler leadership lost; competing again');
      } catch (err) {
        if (!this.stopped) logger.error({ err }, 'scheduler could not compete for leadership');
      }
      await sleep(retryMs, this.stopping.signal);
    }
  }

  private async lead(lost: AbortSignal): Promise<void> {
    const { jobs, logger, db } = this.options;
    const tickMs = this.options.tickMs ?? Math.min(1_000, ...jobs.map((j) => j.everyMs));
    this.leading = true;
    logger.info({ jobs: jobs.map((j) => j.name) }, 'this server now runs the scheduler');
    const lastRun = new Map<string, number>();
    const running = new Map<string, Promise<void>>();
    const done = AbortSignal.any([lost, this.stopping.signal]);
    try {
      while (!done.aborted) {
        const now = this.now().getTime();
        for (const job of jobs) {
          if (running.has(job.name)) continue;
          const last = lastRun.get(job.name);
          if (last !== undefined && now - last < job.everyMs) continue;
          lastRun.set(job.name, now);
          const task = job.run({ db, now: this.now, logger: logger.child({ job: job.name }) })
            .catch((err) => logger.error({ err, job: job.name }, 'scheduled job failed'))
            .finally(() => running.delete(job.name));
          running.set(job.name, task);
        }
        await sleep(tickMs, done);
      }
    } finally {
      // Leadership ends only after the jobs under way finish, so two leaders never overlap.
      await Promise.allSettled([...running.values()]);
      this.leading = false;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  return new Scheduler(options).start();
}
