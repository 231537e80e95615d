/** What a command row keeps of its document: enough to build every node's job later. */
import type { runCommand } from '@bosun/protocol';

export interface DocumentSnapshot {
  arn: string;
  platformTypes: string[];
  /** Rendered steps; `{{ssm:…}}` still as written (resolved per node at delivery). */
  steps: runCommand.RunCommandStep[];
}

export const JOB_SEPARATOR = '/';

/** One job per invocation: the agent runs a jobId at most once, across reconnects. */
export const jobIdOf = (commandId: string, instanceId: string): string => `${commandId}${JOB_SEPARATOR}${instanceId}`;

export function parseJobId(jobId: string): { commandId: string; instanceId: string } | undefined {
  const at = jobId.lastIndexOf(JOB_SEPARATOR);
  if (at <= 0) return undefined;
  return { commandId: jobId.slice(0, at), instanceId: jobId.slice(at + 1) };
}
