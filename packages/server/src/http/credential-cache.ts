import type { ResolvedCredentials } from '../iam/credentials';

/** What an access key resolved to: its credentials, a deactivated key, or unknown. */
export type CachedLookup = ResolvedCredentials | { inactive: true } | undefined;

/**
 * Remembers what an access key resolved to (its secret, principal and parsed policies) for a
 * few seconds, so a busy client costs one identity lookup per TTL instead of several queries per
 * request. Any IAM or STS write on this server clears it at once.
 * AWS: IAM changes are eventually consistent too — they may take seconds to apply everywhere;
 * with several replicas a change made on another one applies here within the TTL.
 */
export class CredentialCache {
  private readonly entries = new Map<string, { at: number; value: CachedLookup }>();

  constructor(
    private readonly ttlMs = 5_000,
    /** Unknown keys are remembered more briefly: a key just created elsewhere works soon. */
    private readonly negativeTtlMs = 1_000,
    private readonly maxEntries = 10_000,
  ) {}

  /**
   * The entry for a key while it is fresh (its value may be a remembered "unknown" or "inactive"),
   * else undefined. Synchronous, so a hit costs the request no await.
   */
  peek(accessKeyId: string): { readonly value: CachedLookup } | undefined {
    const hit = this.entries.get(accessKeyId);
    return hit && Date.now() - hit.at < (hit.value ? this.ttlMs : this.negativeTtlMs) ? hit : undefined;
  }

  async get(accessKeyId: string, load: () => Promise<CachedLookup>): Promise<CachedLookup> {
    const hit = this.peek(accessKeyId);
    if (hit) return hit.value;
    const now = Date.now();
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(accessKeyId, { at: now, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
