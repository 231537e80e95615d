import type { Db } from '../db/index';
export interface NewEvent {
    accountId: string;
    region: string;
    /** e.g. `aws.ssm`. */
    source: string;
    /** e.g. `Parameter Store Change`. */
    detailType: string;
    resources: string[];
    detail: Record<string, unknown>;
    time?: Date;
}
/**
 * Appends an event to the log and queues one delivery per enabled matching subscription.
 * Pass the caller's Kysely `Transaction` as `db` and the event commits (or rolls back) with the
 * change it describes — no event for a write that did not happen, no write without its event.
 */
export declare function emitEvent(db: Db, event: NewEvent): Promise<string>;
