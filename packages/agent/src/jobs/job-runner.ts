/**
 * Runs the jobs the server sends: at most once per job id (the ledger), acknowledged before it
 * starts, live output streamed while connected, the result sent now or on the next connection.
 */
import type { ChannelMessage, JobFailure, JobMessage, RoleCredentials } from '@bosun/protocol/agent/messages';
import type { Logger } from '../log/logger';
import type { PluginRegistry } from '../plugins/registry';
import type { JobLedger } from './job-ledger';

export type Send = (message: ChannelMessage) => boolean;

export interface JobContext {
  instanceId: string;
  region: string;
  credentials(): RoleCredentials | undefined;
}

export class JobRunner {
  private send: Send | undefined;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(
    private readonly ledger: JobLedger,
    private readonly plugins: PluginRegistry,
    private readonly context: JobContext,
    private readonly logger: Logger,
  ) {}

  /** A new connection is up (or gone, with undefined); results held back go out now. */
  attach(send: Send | undefined): void {
    this.send = send;
    if (!send) return;
    for (const entry of this.ledger.unsent()) this.sendResult(entry.jobId, entry.result, entry.error);
  }

  onJob(job: JobMessage): void {
    if (!this.ledger.accept(job.jobId, job.kind)) {
      // Seen before (a resend after a reconnect): acknowledge again, never run again. A result
      // not yet sent goes out now; one already sent is not kept (results can be large).
      this.logger.info('job already received; not running it again', { jobId: job.jobId, kind: job.kind });
      this.send?.({ type: 'job-ack', jobId: job.jobId });
      const entry = this.ledger.get(job.jobId);
      if (entry?.state === 'finished') this.sendResult(job.jobId, entry.result, entry.error);
      return;
    }
    this.send?.({ type: 'job-ack', jobId: job.jobId });
    this.start(job);
  }

  /** Runs again the jobs a plugin left to finish after a restart (Run Command's reboot); no new ack. */
  resume(): void {
    for (const kind of this.plugins.kinds()) {
      for (const { jobId, payload } of this.plugins.get(kind)!.pendingResumes?.() ?? []) {
        if (this.ledger.get(jobId)?.state !== 'running' || this.running.has(jobId)) continue;
        this.logger.info('resuming job', { jobId, kind });
        this.start({ type: 'job', jobId, kind, payload });
      }
    }
  }

  private start(job: JobMessage): void {
    const plugin = this.plugins.get(job.kind);
    if (!plugin) {
      this.logger.warn('no plugin for this job kind', { jobId: job.jobId, kind: job.kind });
      this.complete(job.jobId, null, { code: 'UnsupportedJobKind', message: `this agent has no plugin for job kind ${job.kind}` });
      return;
    }
    const controller = new AbortController();
    const seq = { stdout: 0, stderr: 0 };
    const output = {
      write: (stream: 'stdout' | 'stderr', data: string, step?: string) => {
        this.send?.({ type: 'job-output', jobId: job.jobId, stream, seq: seq[stream]++, data, ...(step ? { step } : {}) });
      },
    };
    this.logger.info('job started', { jobId: job.jobId, kind: job.kind });
    const done = (async () => {
      try {
        const result = await plugin.execute(
          { jobId: job.jobId, kind: job.kind, payload: job.payload, ...this.context, credentials: () => this.context.credentials() },
          controller.signal,
          output,
        );
        this.complete(job.jobId, result ?? null);
      } catch (error) {
        if ((error as { code?: unknown })?.code === 'RebootPending') {
          // left running in the ledger on purpose: the plugin finishes it when the agent is back
          this.logger.info('job waits for the reboot to finish', { jobId: job.jobId });
          return;
        }
        const code = controller.signal.aborted ? 'Cancelled' : 'PluginFailed';
        this.complete(job.jobId, null, { code, message: (error as Error)?.message ?? String(error) });
      } finally {
        this.running.delete(job.jobId);
      }
    })();
    this.running.set(job.jobId, { controller, done });
  }

  onCancel(jobId: string): void {
    const job = this.running.get(jobId);
    if (!job) return;
    this.logger.info('cancelling job', { jobId });
    job.controller.abort(new Error('cancelled by the server'));
  }

  /** Cancels every running job and waits for them (agent shutdown). */
  async stopAll(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const job of jobs) job.controller.abort(new Error('the agent is stopping'));
    await Promise.all(jobs.map((j) => j.done));
  }

  private complete(jobId: string, result: unknown, error?: JobFailure): void {
    this.ledger.finish(jobId, result, error);
    this.logger.info('job finished', { jobId, ...(error ? { error: error.code } : {}) });
    this.sendResult(jobId, result, error);
  }

  private sendResult(jobId: string, result: unknown, error?: JobFailure): void {
    if (!this.send) return;
    const sent = this.send({ type: 'job-result', jobId, result: result ?? null, ...(error ? { error } : {}) });
    if (sent) this.ledger.markSent(jobId);
  }
}
