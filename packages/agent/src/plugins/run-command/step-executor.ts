/** What every document action's executor gets and gives back (`aws:runShellScript`, …). */
import type { RunCommandStep, StepStatus } from '@bosun/protocol/agent/run-command';

export interface StepContext {
  step: RunCommandStep;
  /** The whole environment for the step's processes (agent's, AWS_SSM_*, the job's). */
  env: NodeJS.ProcessEnv;
  /** A private scratch directory for this step (the default working directory). */
  scratchDir: string;
  /** Milliseconds left before the invocation's deadline, if it has one. */
  deadlineMs?: number;
  signal: AbortSignal;
  /** Streams output of this step; batching is the executor's business. */
  write(stream: 'stdout' | 'stderr', data: string): void;
  /** Grace between SIGTERM and SIGKILL when a step is stopped. */
  killGraceMs: number;
}

export interface StepOutcome {
  status: StepStatus;
  /** Exit code; -1 when the process never ran or was killed. */
  responseCode: number;
  statusDetails?: string;
  /** Exit 168/169: the document stops after this step. */
  stopAfter?: boolean;
  /** Exit 194: the node must reboot, then this step runs again. */
  rebootRequested?: boolean;
}

export type StepExecutor = (context: StepContext) => Promise<StepOutcome>;
