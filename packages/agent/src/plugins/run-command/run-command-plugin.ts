/**
 * The `run-command` job: a resolved Command document's steps run in order on this node.
 * Preconditions may skip a step; each step's action picks its executor; exit codes 168/169
 * stop the document, 194 reboots the node and resumes after it (see resume-store.ts).
 * Output streams as `job-output` frames tagged with the step's name.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunCommandJob, RunCommandResult, RunCommandStep, RunCommandStepResult, StepStatus } from '@bosun/protocol/agent/run-command';
import { RUN_COMMAND_JOB } from '@bosun/protocol/agent/run-command';
import { collectFacts } from '../../facts/collect-facts';
import type { AgentJob, AgentPlugin, JobOutput } from '../plugin';
import { unmetPrecondition, PRECONDITION_SKIPPED } from './preconditions';
import { DEFAULT_REBOOT_COMMAND, runRebootCommand } from './reboot';
import { ResumeStore } from './resume-store';
import { runShellScript } from './run-shell-script';
import type { StepExecutor, StepOutcome } from './step-executor';

export interface RunCommandPluginOptions {
  /** The agent's state directory: resume points and per-step scratch directories live under it. */
  stateDir: string;
  /** What exit 194 runs (`--reboot-command`); default `systemctl reboot`. */
  rebootCommand?: string;
  /** The node's platformType for preconditions; default this machine's. */
  platformType?: () => string;
  /** Grace between SIGTERM and SIGKILL when a step is stopped; default 5 s. */
  killGraceMs?: number;
  /** How long to wait for the reboot to stop the agent before calling it failed; default 15 min. */
  rebootWaitMs?: number;
}

export interface RunCommandPlugin extends AgentPlugin {
  /** Invocations that rebooted the node and wait to run their remaining steps. */
  pendingResumes(): Array<{ jobId: string; payload: RunCommandJob }>;
}

/** Thrown when the agent stops while the reboot a step asked for is under way: the job is not over. */
export class RebootPendingError extends Error {
  readonly code = 'RebootPending';
  constructor(readonly jobId: string) {
    super(`job ${jobId} is waiting for the node to reboot; it resumes when the agent starts again`);
  }
}

/** Executors keyed by document action. aws:runDocument arrives already expanded by the server. */
export const stepExecutors: Readonly<Record<string, StepExecutor>> = {
  'aws:runShellScript': runShellScript,
};

/** JobOutput as the channel sends it: the step's name rides along on each frame. */
type StepTaggedOutput = { write(stream: 'stdout' | 'stderr', data: string, step?: string): void };

export function createRunCommandPlugin(options: RunCommandPluginOptions): RunCommandPlugin {
  const store = new ResumeStore(options.stateDir);
  let platform: string | undefined;
  const platformType = options.platformType ?? (() => (platform ??= collectFacts().platformType));
  const rebootCommand = options.rebootCommand ?? DEFAULT_REBOOT_COMMAND;

  async function execute(agentJob: AgentJob, signal: AbortSignal, jobOutput: JobOutput): Promise<RunCommandResult> {
    const job = agentJob.payload as RunCommandJob;
    if (!job || !Array.isArray(job.steps)) throw new Error('run-command job without steps');
    const output: StepTaggedOutput = jobOutput;
    const resumed = store.load(agentJob.jobId);
    if (resumed) store.remove(agentJob.jobId);
    const results: RunCommandStepResult[] = resumed ? [...resumed.finished] : [];
    const env: NodeJS.ProcessEnv = {
      ...scriptBaseEnvironment(),
      // AWS: every script sees the node's id and region.
      AWS_SSM_INSTANCE_ID: agentJob.instanceId,
      AWS_SSM_REGION_NAME: agentJob.region,
      ...job.environment,
    };
    const deadline = job.deadline ? Date.parse(job.deadline) : undefined;
    let notRun: { status: StepStatus; details: string } | undefined;

    for (let index = resumed?.nextStep ?? 0; index < job.steps.length; index++) {
      const step = job.steps[index];
      const startedAt = new Date().toISOString();
      const write = (stream: 'stdout' | 'stderr', data: string) => output.write(stream, data, step.name);
      if (!notRun && signal.aborted) notRun = { status: 'Cancelled', details: 'Cancelled' };
      if (!notRun && deadline !== undefined && Date.now() >= deadline) notRun = { status: 'TimedOut', details: 'ExecutionTimedOut' };
      if (notRun) {
        results.push(stepResult(step, { status: notRun.status, responseCode: -1, statusDetails: notRun.details }, startedAt));
        continue;
      }
      const unmet = unmetPrecondition(step, { platformType: platformType() });
      if (unmet) {
        write('stdout', `${unmet}\n`);
        results.push(stepResult(step, { status: 'Skipped', responseCode: -1, statusDetails: PRECONDITION_SKIPPED }, startedAt));
        continue;
      }
      const outcome = await runStep(agentJob.jobId, step, { env, deadline, signal, write });
      const result = stepResult(step, outcome, startedAt);
      if (outcome.rebootRequested) {
        // Written down before the reboot, so the agent that starts afterwards knows where to go on.
        // AWS: the step that asked for the reboot runs again after it ("restart the script").
        store.save({ jobId: agentJob.jobId, job, finished: results, nextStep: index, rebootRequestedAt: result.finishedAt });
        const attempt = await runRebootCommand(rebootCommand, env);
        const rebooting = attempt.code === 0 && (await aborted(signal, options.rebootWaitMs ?? 15 * 60_000));
        if (rebooting) throw new RebootPendingError(agentJob.jobId);
        store.remove(agentJob.jobId);
        write(
          'stderr',
          attempt.code === 0
            ? `the reboot the script asked for (exit 194) did not happen: ${rebootCommand} succeeded but the agent is still running\n`
            : `the reboot the script asked for (exit 194) failed: ${rebootCommand} exited ${attempt.code ?? 'abnormally'}${attempt.output ? `: ${attempt.output.trim()}` : ''}\n`,
        );
        results.push({ ...result, status: 'Failed', statusDetails: 'Failed' });
        notRun = { status: 'Skipped', details: 'Step execution skipped: the reboot an earlier step asked for failed' };
        continue;
      }
      results.push(result);
      if (outcome.status === 'Cancelled') notRun = { status: 'Cancelled', details: 'Cancelled' };
      else if (outcome.stopAfter) notRun = { status: 'Skipped', details: `Step execution skipped: step ${step.name} ended the document with exit code ${outcome.responseCode}` };
      else if (outcome.status === 'TimedOut' && deadline !== undefined && Date.now() >= deadline) notRun = { status: 'TimedOut', details: 'ExecutionTimedOut' };
    }
    return { status: overallStatus(results), steps: results };
  }

  async function runStep(
    jobId: string,
    step: RunCommandStep,
    run: { env: NodeJS.ProcessEnv; deadline?: number; signal: AbortSignal; write: (stream: 'stdout' | 'stderr', data: string) => void },
  ): Promise<StepOutcome> {
    const executor = stepExecutors[step.action];
    if (!executor) {
      run.write('stderr', `Plugin with name ${step.action} not found. Step name: ${step.name}\n`);
      return { status: 'Failed', responseCode: -1, statusDetails: 'Failed' };
    }
    const scratchDir = path.join(options.stateDir, 'run-command', 'steps', encodeURIComponent(jobId), encodeURIComponent(step.name));
    fs.mkdirSync(scratchDir, { recursive: true, mode: 0o700 });
    try {
      return await executor({
        step,
        env: run.env,
        scratchDir,
        deadlineMs: run.deadline === undefined ? undefined : Math.max(0, run.deadline - Date.now()),
        signal: run.signal,
        write: run.write,
        killGraceMs: options.killGraceMs ?? 5_000,
      });
    } finally {
      fs.rmSync(path.dirname(scratchDir), { recursive: true, force: true });
    }
  }

  return {
    kind: RUN_COMMAND_JOB,
    execute,
    pendingResumes: () => store.pending().map((point) => ({ jobId: point.jobId, payload: point.job })),
  };
}

function stepResult(step: RunCommandStep, outcome: StepOutcome, startedAt: string): RunCommandStepResult {
  return {
    name: step.name,
    action: step.action,
    status: outcome.status,
    responseCode: outcome.responseCode,
    startedAt,
    finishedAt: new Date().toISOString(),
    ...(outcome.statusDetails ? { statusDetails: outcome.statusDetails } : {}),
  };
}

/** AWS: the invocation's status is the worst of its plugins' — cancelled, timed out, failed; skipped steps count as fine. */
export function overallStatus(steps: RunCommandStepResult[]): RunCommandResult['status'] {
  for (const status of ['Cancelled', 'TimedOut', 'Failed'] as const) if (steps.some((s) => s.status === status)) return status;
  return 'Success';
}

/** The agent's own environment minus its configuration (an activation code is no script's business). */
function scriptBaseEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^BOSUN_(AGENT|ACTIVATION)_/.test(name)));
}

/** True once the signal aborts (the agent is going down with the node), false if `ms` pass first. */
function aborted(signal: AbortSignal, ms: number): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
