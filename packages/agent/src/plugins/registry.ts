/** Plugins keyed by job kind; a kind may be registered once. */
import type { AgentPlugin } from './plugin';

export class PluginRegistry {
  private readonly byKind = new Map<string, AgentPlugin>();

  constructor(plugins: readonly AgentPlugin[] = []) {
    for (const plugin of plugins) this.add(plugin);
  }

  add(plugin: AgentPlugin): void {
    if (this.byKind.has(plugin.kind)) throw new Error(`a plugin for job kind ${plugin.kind} is already registered`);
    this.byKind.set(plugin.kind, plugin);
  }

  get(kind: string): AgentPlugin | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }
}
