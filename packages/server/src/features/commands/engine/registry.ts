/**
 * Finds the engine serving a database, so a handler (which only has its RequestContext) can
 * wake it. No engine here (another replica, a room test) is fine: the engines' poll finds the work.
 */
import type { Db } from '../../../db/index';

export interface Wakeable {
  wake(commandId: string): void;
  cancel(commandId: string, instanceIds: string[]): void;
}

const engines = new WeakMap<object, Wakeable>();

export function registerEngine(db: Db, engine: Wakeable): void {
  engines.set(db, engine);
}

export function unregisterEngine(db: Db, engine: Wakeable): void {
  if (engines.get(db) === engine) engines.delete(db);
}

export function engineOf(db: Db): Wakeable | undefined {
  return engines.get(db);
}
