/**
 * Run Command over the agent channel: the payload of a `job` frame with `kind: 'run-command'`
 * and the `result` the agent answers with. The server resolves the document and its parameters
 * (`{{ name }}`, `{{ssm:/path}}` under the node's role) before sending, so the node executes
 * plain steps; live output travels as `job-output` frames tagged with the step name.
 */

export const RUN_COMMAND_JOB = 'run-command';

export interface RunCommandStep {
  /** The step's name (mainSteps[].name; for schema 1.2 the runtimeConfig key). */
  name: string;
  /** e.g. aws:runShellScript, aws:runDocument (already expanded by the server into nested steps). */
  action: string;
  /** The step's inputs with every parameter substituted. */
  inputs: Record<string, unknown>;
  /** Schema 2.2 precondition, e.g. { StringEquals: ['platformType', 'Linux'] }. */
  precondition?: { StringEquals: [string, string] };
}

export interface RunCommandJob {
  commandId: string;
  instanceId: string;
  documentName: string;
  documentVersion: string;
  steps: RunCommandStep[];
  /** AWS_SSM_INSTANCE_ID, AWS_SSM_REGION_NAME and friends, set for every step. */
  environment: Record<string, string>;
  /** When the whole invocation must stop (executionTimeout), as an ISO time; absent = per-step limits only. */
  deadline?: string;
}

export type StepStatus = 'Success' | 'Failed' | 'TimedOut' | 'Cancelled' | 'Skipped';

export interface RunCommandStepResult {
  name: string;
  action: string;
  status: StepStatus;
  /** The process's exit code; -1 when it never ran or was killed. */
  responseCode: number;
  startedAt: string;
  finishedAt: string;
  /** Why, in AWS's words where AWS has them (e.g. "Step execution skipped due to unsatisfied preconditions"). */
  statusDetails?: string;
}

export interface RunCommandResult {
  status: 'Success' | 'Failed' | 'TimedOut' | 'Cancelled';
  steps: RunCommandStepResult[];
}

/** `job-output` frames of a run-command job carry the step they belong to in `step`. */
export interface RunCommandOutputTag {
  step: string;
}
