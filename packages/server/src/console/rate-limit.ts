/**
 * Failed sign-ins per (user, source address): after `limit` failures inside `windowMs` the pair
 * is refused until the oldest failure leaves the window. In memory, per replica: enough to make
 * guessing slow; a deployment behind several replicas gets at most `limit` × replicas guesses.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 5 * 60_000,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds until the pair may try again; 0 when it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length < this.limit ? 0 : recent[0] + this.windowMs - now;
  }

  fail(key: string, now = Date.now()): void {
    if (this.failures.size >= this.maxKeys) this.prune(now);
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(key);
    // Still full: a flood of distinct keys; forgetting them all is better than growing without bound.
    if (this.failures.size >= this.maxKeys) this.failures.clear();
  }
}
