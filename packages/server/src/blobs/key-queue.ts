/**
 * Runs the writes to one key one after another, in the order they were asked for, while writes
 * to different keys go on together: a blob's chunks land in the order they arrived. `idle(key)`
 * resolves once every write asked for so far has finished (failed ones included).
 */
export function keyQueue(): { run(key: string, write: () => Promise<void>): Promise<void>; idle(key: string): Promise<void> | undefined } {
  const queues = new Map<string, Promise<void>>();
  return {
    run(key, write) {
      const next = (queues.get(key) ?? Promise.resolve()).then(write);
      const settled = next.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => { if (queues.get(key) === settled) queues.delete(key); });
      return next;
    },
    idle: (key) => queues.get(key),
  };
}
