import { type Db } from '../db/index';
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
export declare function claimDueDeliveries(db: Db, options: {
    now: Date;
    leaseMs: number;
    limit: number;
    perSubscription: number;
    inFlight: ReadonlyMap<string, number>;
}): Promise<ClaimedDelivery[]>;
