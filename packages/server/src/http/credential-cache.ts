import type { ResolvedCredentials } from '../iam/credentials';

type Lookup = ResolvedCredentials | { inactive: true } | undefined;

/**
 * Remembers what an access key resolved to (its secret, principal and parsed policies) for a
 * few seconds, so a busy client costs one identity lookup per TTL instead of several queries per
 * request. Any IAM or STS write on this server clears it at once.
 * AWS: IAM changes are eventually consistent too — they may take seconds to apply everywhere;
 * with several replicas a change made on another one applies here within the TTL.
 */
export class CredentialCache {
  private readonly entries = new Map<string, { at: number; value: Lookup }>();

  constructor(
    private readonly ttlMs = 5_000,
    /** Unknown keys are remembered more briefly: a key just created elsewhere works soon. */
    private readonly negativeTtlMs = 1_000,
    private readonly maxEntries = 10_000,
  ) {}

  async get(accessKeyId: string, load: () => Promise<Lookup>): Promise<Lookup> {
    const now = Date.now();
    const hit = this.entries.get(accessKeyId);
    if (hit && now - hit.at < (hit.value ? this.ttlMs : this.negativeTtlMs)) return hit.value;
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(accessKeyId, { at: now, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
