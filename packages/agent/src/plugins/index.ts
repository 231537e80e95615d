/**
 * The plugins this agent ships. Each lives in `plugins/<kind>/` and is listed here. Run Command
 * (issue 5) adds the first real ones; until then the agent acknowledges jobs and answers
 * UnsupportedJobKind rather than pretending to run them.
 */
import type { AgentPlugin } from './plugin';

export const builtinPlugins: readonly AgentPlugin[] = [];

export type { AgentJob, AgentPlugin, JobOutput } from './plugin';
export { PluginRegistry } from './registry';
