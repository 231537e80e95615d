/**
 * The plugins this agent ships. Each lives in `plugins/<kind>/` and is listed here; jobs of
 * any other kind are acknowledged and answered UnsupportedJobKind rather than pretended.
 */
import type { AgentPlugin } from './plugin';
import { createRunCommandPlugin } from './run-command/index';

export interface BuiltinPluginOptions {
  /** The agent's state directory (plugins keep what must survive a restart under it). */
  stateDir: string;
  /** What a script's exit 194 runs (`--reboot-command`); default `systemctl reboot`. */
  rebootCommand?: string;
}

export function builtinPlugins(options: BuiltinPluginOptions): AgentPlugin[] {
  return [createRunCommandPlugin({ stateDir: options.stateDir, rebootCommand: options.rebootCommand })];
}

export type { AgentJob, AgentPlugin, JobOutput } from './plugin';
export { PluginRegistry } from './registry';
