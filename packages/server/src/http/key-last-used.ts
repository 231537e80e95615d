import type { Db } from '../db/index';
import { markAccessKeyUsed } from '../iam/store/access-keys';

/**
 * GetAccessKeyLastUsed's data, written at most once a minute per key: a busy client must not
 * turn every read into a database write.
 * AWS: the last-used time is itself only approximate (updated within minutes, not per call).
 */
export class KeyLastUsed {
  private readonly written = new Map<string, number>();

  constructor(private readonly db: Db, private readonly onError: (error: unknown) => void, private readonly everyMs = 60_000) {}

  note(accessKeyId: string, service: string, region: string, now: Date): void {
    if (!accessKeyId.startsWith('AKIA')) return;
    const last = this.written.get(accessKeyId);
    if (last !== undefined && now.getTime() - last < this.everyMs) return;
    if (this.written.size > 50_000) this.written.clear();
    this.written.set(accessKeyId, now.getTime());
    markAccessKeyUsed(this.db, accessKeyId, service, region, now).catch(this.onError);
  }
}
