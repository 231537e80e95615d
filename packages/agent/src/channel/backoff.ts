/**
 * Reconnect delays: exponential with "equal jitter" (half fixed, half random), capped at about a
 * minute. The jitter spreads a fleet's reconnects so a restarted server is not stormed, and the
 * fixed half keeps one agent from hammering a server that is down.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1_000;
  const cap = options.capMs ?? 60_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
