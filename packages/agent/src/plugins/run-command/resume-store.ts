/**
 * Where a Run Command invocation that asked for a reboot (exit 194) picks up again: one file
 * per job in `<state-dir>/run-command/`, written (and fsynced) before the reboot command runs,
 * removed when the invocation resumes. It holds the job, the results of the steps already
 * finished and the step to run next.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunCommandJob, RunCommandStepResult } from '@bosun/protocol/agent/run-command';

export interface ResumePoint {
  jobId: string;
  job: RunCommandJob;
  /** Results of the steps before `nextStep`, reported as they were. */
  finished: RunCommandStepResult[];
  /** Index of the step to run after the reboot (the one that asked for it runs again). */
  nextStep: number;
  rebootRequestedAt: string;
}

export class ResumeStore {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'run-command', 'resume');
  }

  save(point: ResumePoint): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const target = this.file(point.jobId);
    const temp = `${target}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(point));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  }

  load(jobId: string): ResumePoint | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(jobId), 'utf8')) as ResumePoint;
    } catch {
      return undefined;
    }
  }

  remove(jobId: string): void {
    fs.rmSync(this.file(jobId), { force: true });
  }

  /** Every invocation waiting to resume (what the agent should run again after it starts). */
  pending(): ResumePoint[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => this.load(decodeURIComponent(name.slice(0, -'.json'.length))))
      .filter((point): point is ResumePoint => point !== undefined);
  }

  private file(jobId: string): string {
    // job ids come from the server; keep them from naming a path outside the directory
    return path.join(this.dir, `${encodeURIComponent(jobId)}.json`);
  }
}
