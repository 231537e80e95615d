/**
 * `aws:runShellScript`: the step's `runCommand` lines joined into one script and run by `sh` in
 * its own process group, within `timeoutSeconds` (default 3600). On timeout or cancel the whole
 * group is stopped — SIGTERM, then SIGKILL — so nothing the script started outlives it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { outcomeOfExit } from './exit-codes';
import { OutputBatcher } from './output-batcher';
import { spawnGroup } from './process-group';
import type { StepContext, StepOutcome } from './step-executor';

/** AWS: timeoutSeconds of aws:runShellScript defaults to one hour. */
export const DEFAULT_TIMEOUT_SECONDS = 3600;

export async function runShellScript(context: StepContext): Promise<StepOutcome> {
  const { step, signal } = context;
  const script = scriptOf(step.inputs.runCommand);
  if (script === undefined) return failed(context, 'runCommand must be a string or a list of strings');
  const timeoutSeconds = Number(step.inputs.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) return failed(context, `timeoutSeconds must be a positive whole number, not ${String(step.inputs.timeoutSeconds)}`);
  const cwd = typeof step.inputs.workingDirectory === 'string' && step.inputs.workingDirectory ? step.inputs.workingDirectory : context.scratchDir;
  if (!isDirectory(cwd)) return failed(context, `Invalid workingDirectory ${cwd}: no such directory`);
  if (signal.aborted) return { status: 'Cancelled', responseCode: -1, statusDetails: 'Cancelled' };

  // AWS: the agent writes the commands to _script.sh and runs it with sh.
  const scriptPath = path.join(context.scratchDir, '_script.sh');
  fs.writeFileSync(scriptPath, `${script}\n`, { mode: 0o700 });
  const batcher = new OutputBatcher((stream, data) => context.write(stream, data));
  let run;
  try {
    run = spawnGroup('sh', [scriptPath], { cwd, env: context.env, onData: (stream, chunk) => batcher.write(stream, chunk) });
  } catch (error) {
    return failed(context, `could not start sh: ${(error as Error).message}`);
  }
  const limitMs = Math.min(timeoutSeconds * 1000, context.deadlineMs ?? Infinity);
  let stopped: 'TimedOut' | 'Cancelled' | undefined;
  let killed: Promise<void> | undefined;
  const stop = (why: 'TimedOut' | 'Cancelled') => {
    if (stopped) return;
    stopped = why;
    killed = run.kill(context.killGraceMs);
  };
  const timer = setTimeout(() => stop('TimedOut'), limitMs);
  const onAbort = () => stop('Cancelled');
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const { code } = await run.exited;
    if (stopped) {
      // the group may still be dying (SIGKILL after the grace period): wait so nothing outlives the step
      await killed;
      batcher.end();
      return { status: stopped, responseCode: -1, statusDetails: stopped === 'TimedOut' ? 'ExecutionTimedOut' : 'Cancelled' };
    }
    const outcome = outcomeOfExit(code ?? -1);
    // AWS: a failing script's stderr ends with this line.
    if (outcome.status === 'Failed') batcher.write('stderr', `failed to run commands: exit status ${code ?? -1}\n`);
    batcher.end();
    return outcome;
  } catch (error) {
    batcher.end();
    return failed(context, `could not run sh: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

function scriptOf(runCommand: unknown): string | undefined {
  if (typeof runCommand === 'string') return runCommand;
  if (Array.isArray(runCommand) && runCommand.every((line) => typeof line === 'string')) return runCommand.join('\n');
  return undefined;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function failed(context: StepContext, why: string): StepOutcome {
  context.write('stderr', `${why}\n`);
  return { status: 'Failed', responseCode: -1, statusDetails: 'Failed' };
}
