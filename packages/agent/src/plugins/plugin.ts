/**
 * What a job plugin is: one kind of work (`plugins/<kind>/`), run with a cancel signal and a
 * sink for live output. Platform differences stay inside the plugin.
 */
import type { RoleCredentials } from '@bosun/protocol/agent/messages';

export interface AgentJob {
  jobId: string;
  kind: string;
  payload: unknown;
  instanceId: string;
  region: string;
  /** The node role's current temporary credentials, refreshed by the server over the channel. */
  credentials(): RoleCredentials | undefined;
}

export interface JobOutput {
  /** Streams a chunk of live output to the server (dropped while disconnected: live view only); `step` tags multi-step jobs. */
  write(stream: 'stdout' | 'stderr', data: string, step?: string): void;
}

export interface AgentPlugin {
  kind: string;
  /** Resolves with the job's result (sent as `job-result`); should stop promptly when `signal` aborts. */
  execute(job: AgentJob, signal: AbortSignal, output: JobOutput): Promise<unknown>;
  /**
   * Jobs this plugin left unfinished on purpose (Run Command's reboot, exit 194) and will finish
   * when executed again with the same id and payload; the agent does so when it starts. A plugin
   * that stops for such a reason rejects with an error whose `code` is 'RebootPending'.
   */
  pendingResumes?(): Array<{ jobId: string; payload: unknown }>;
}
