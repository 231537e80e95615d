import type { Logger } from 'pino';
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
export interface EventDeliveryOptions {
    db: Db;
    secrets: SecretBox;
    logger: Logger;
    /** How often to look for due deliveries. */
    pollMs?: number;
    /** Attempts before a delivery is given up (status `failed`). */
    maxAttempts?: number;
    /** The first retry's delay; each further retry doubles it (±20% jitter). */
    baseDelayMs?: number;
    /** How long one POST may take. */
    timeoutMs?: number;
    maxInFlight?: number;
    perSubscription?: number;
}
export interface EventDelivery {
    /** Claims and starts what is due now; resolves with how many were started. */
    poll(): Promise<number>;
    /** Stops polling and waits for the sends already under way. */
    stop(): Promise<void>;
}
/**
 * 10 attempts with delays of 7 s, 14 s, 28 s … 30 min: about an hour in all before an event is
 * given up, long enough to ride out a receiver's restart or deploy.
 */
export declare const DEFAULT_MAX_ATTEMPTS = 10;
export declare const DEFAULT_BASE_DELAY_MS = 7000;
/** Runs on every replica: deliveries are spread over all of them (see claim.ts). */
export declare function startEventDelivery(options: EventDeliveryOptions): EventDelivery;
