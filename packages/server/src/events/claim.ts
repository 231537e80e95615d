import { dialectOf, type Db } from '../db/index';

/** A delivery a worker has taken, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  /** This attempt's number, 1-based. */
  attempt: number;
}

/**
 * Takes up to `limit` due deliveries for this worker. A claim pushes `next_attempt_at` forward
 * by `leaseMs`, so other workers leave the row alone while it is being sent and a worker that
 * dies mid-send gives it back when the lease runs out (at-least-once). On PostgreSQL several
 * replicas claim at once: FOR UPDATE SKIP LOCKED lets each take different rows without waiting;
 * SQLite has one writer, and the compare-and-set on `attempts` keeps a claim exclusive anyway.
 * `inFlight` counts this worker's unfinished sends per subscription; none gets more than
 * `perSubscription`, so a slow webhook waits for its own deliveries and never takes the slots
 * of the others.
 */
export async function claimDueDeliveries(
  db: Db,
  options: { now: Date; leaseMs: number; limit: number; perSubscription: number; inFlight: ReadonlyMap<string, number> },
): Promise<ClaimedDelivery[]> {
  if (options.limit <= 0) return [];
  const now = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  return db.transaction().execute(async (tx) => {
    let q = tx
      .selectFrom('event_deliveries as d')
      .innerJoin('event_subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.id', 'd.subscription_id', 'd.event_id', 'd.attempts'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where('s.enabled', '=', 1)
      .orderBy('d.next_attempt_at')
      .limit(options.limit);
    const full = [...options.inFlight].filter(([, n]) => n >= options.perSubscription).map(([id]) => id);
    if (full.length > 0) q = q.where('d.subscription_id', 'not in', full);
    if (dialectOf(db) === 'postgres') q = q.forUpdate('d').skipLocked();
    const due = await q.execute();
    const claimed: ClaimedDelivery[] = [];
    const taken = new Map(options.inFlight);
    for (const row of due) {
      const busy = taken.get(row.subscription_id) ?? 0;
      if (busy >= options.perSubscription) continue;
      const updated = await tx
        .updateTable('event_deliveries')
        .set({ next_attempt_at: leaseUntil, attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .where('attempts', '=', row.attempts)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) {
        taken.set(row.subscription_id, busy + 1);
        claimed.push({ id: row.id, subscriptionId: row.subscription_id, eventId: row.event_id, attempt: row.attempts + 1 });
      }
    }
    return claimed;
  });
}
