import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import type { EventSubscriptionsTable } from './tables';
/** The storage of webhook subscriptions. Secrets are sealed under the master key, bound to the ARN. */
export type SubscriptionRow = EventSubscriptionsTable;
export declare function subscriptionArn(region: string, accountId: string, name: string): string;
export declare function createSubscription(db: Db, secrets: SecretBox, input: {
    accountId: string;
    region: string;
    name: string;
    url: string;
    eventPattern: string;
    enabled?: boolean;
    now?: Date;
}): Promise<{
    row: SubscriptionRow;
    secret: string;
} | 'exists'>;
export declare function getSubscription(db: Db, accountId: string, region: string, name: string): Promise<SubscriptionRow | undefined>;
export declare function countSubscriptions(db: Db, accountId: string, region: string): Promise<number>;
/** One page in name order, after `afterName`. */
export declare function listSubscriptions(db: Db, accountId: string, region: string, limit: number, afterName?: string): Promise<SubscriptionRow[]>;
/** Deletes the subscription and what it was still owed; false when it did not exist. */
export declare function deleteSubscription(db: Db, accountId: string, region: string, name: string): Promise<boolean>;
export declare function openSecret(secrets: SecretBox, row: Pick<SubscriptionRow, 'secret_sealed' | 'arn'>): string;
export declare function bindSecrets(db: Db, secrets: SecretBox): void;
export declare function secretsFor(db: Db): SecretBox;
