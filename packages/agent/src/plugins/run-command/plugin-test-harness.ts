/** Drives the run-command plugin directly, the way the job runner does, and records its frames. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunCommandJob, RunCommandResult, RunCommandStep } from '@bosun/protocol/agent/run-command';
import { createRunCommandPlugin, type RunCommandPluginOptions } from './run-command-plugin';

export interface Frame {
  stream: 'stdout' | 'stderr';
  data: string;
  step?: string;
}

export function tempDir(prefix = 'bosun-run-command-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function shell(name: string, runCommand: string | string[], extra: Partial<RunCommandStep> & { inputs?: Record<string, unknown> } = {}): RunCommandStep {
  return { name, action: 'aws:runShellScript', ...extra, inputs: { runCommand, ...extra.inputs } };
}

export function job(steps: RunCommandStep[], extra: Partial<RunCommandJob> = {}): RunCommandJob {
  return { commandId: 'c-1', instanceId: 'mi-0123456789abcdef0', documentName: 'AWS-RunShellScript', documentVersion: '1', steps, environment: {}, ...extra };
}

export function harness(options: Partial<RunCommandPluginOptions> = {}) {
  const stateDir = options.stateDir ?? tempDir();
  const plugin = createRunCommandPlugin({ platformType: () => 'Linux', killGraceMs: 300, ...options, stateDir });
  const frames: Frame[] = [];
  const run = (payload: RunCommandJob, signal = new AbortController().signal, jobId = 'job-1'): Promise<RunCommandResult> =>
    plugin.execute(
      { jobId, kind: 'run-command', payload, instanceId: 'mi-0123456789abcdef0', region: 'eu-west-1', credentials: () => undefined },
      signal,
      { write: (stream: 'stdout' | 'stderr', data: string, step?: string) => void frames.push({ stream, data, step }) },
    ) as Promise<RunCommandResult>;
  const text = (step: string, stream: 'stdout' | 'stderr' = 'stdout') =>
    frames.filter((f) => f.step === step && f.stream === stream).map((f) => f.data).join('');
  return { plugin, stateDir, frames, run, text };
}

/** True when the process no longer exists (or is a zombie nobody reaped: it runs no more). */
export function processGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

export async function waitUntil(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
