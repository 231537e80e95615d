import type { Db } from '../db/index';
/** AWS: CloudTrail's event history keeps 90 days; the event log keeps as long. */
export declare const EVENT_RETENTION_DAYS = 90;
/** Finished deliveries only explain recent failures; a week is enough to debug a webhook. */
export declare const DELIVERY_RETENTION_DAYS = 7;
/** Drops events and finished deliveries past their retention; returns how many rows went. */
export declare function pruneEventLog(db: Db, now: Date, options?: {
    eventDays?: number;
    deliveryDays?: number;
}): Promise<{
    events: number;
    deliveries: number;
}>;
