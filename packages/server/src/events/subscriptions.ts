import crypto from 'node:crypto';
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import { newSigningSecret } from './signature';
import type { EventSubscriptionsTable } from './tables';

/** The storage of webhook subscriptions. Secrets are sealed under the master key, bound to the ARN. */

export type SubscriptionRow = EventSubscriptionsTable;

export function subscriptionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:bosun:${region}:${accountId}:event-subscription/${name}`;
}

export async function createSubscription(
  db: Db,
  secrets: SecretBox,
  input: { accountId: string; region: string; name: string; url: string; eventPattern: string; enabled?: boolean; now?: Date },
): Promise<{ row: SubscriptionRow; secret: string } | 'exists'> {
  const arn = subscriptionArn(input.region, input.accountId, input.name);
  const secret = newSigningSecret();
  const row: SubscriptionRow = {
    id: crypto.randomUUID(),
    account_id: input.accountId,
    region: input.region,
    name: input.name,
    arn,
    url: input.url,
    event_pattern: input.eventPattern,
    secret_sealed: secrets.seal(secret, arn),
    enabled: input.enabled === false ? 0 : 1,
    created_at: (input.now ?? new Date()).toISOString(),
    last_success_at: null,
    last_failure_at: null,
    last_error: null,
    consecutive_failures: 0,
  };
  const inserted = await db.insertInto('event_subscriptions').values(row)
    .onConflict((oc) => oc.columns(['account_id', 'region', 'name']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 ? 'exists' : { row, secret };
}

export async function getSubscription(db: Db, accountId: string, region: string, name: string): Promise<SubscriptionRow | undefined> {
  return db.selectFrom('event_subscriptions').selectAll()
    .where('account_id', '=', accountId).where('region', '=', region).where('name', '=', name)
    .executeTakeFirst();
}

export async function countSubscriptions(db: Db, accountId: string, region: string): Promise<number> {
  const r = await db.selectFrom('event_subscriptions').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId).where('region', '=', region).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One page in name order, after `afterName`. */
export async function listSubscriptions(db: Db, accountId: string, region: string, limit: number, afterName?: string): Promise<SubscriptionRow[]> {
  let q = db.selectFrom('event_subscriptions').selectAll()
    .where('account_id', '=', accountId).where('region', '=', region);
  if (afterName !== undefined) q = q.where('name', '>', afterName);
  return q.orderBy('name').limit(limit).execute();
}

/** Deletes the subscription and what it was still owed; false when it did not exist. */
export async function deleteSubscription(db: Db, accountId: string, region: string, name: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('event_subscriptions').select('id')
      .where('account_id', '=', accountId).where('region', '=', region).where('name', '=', name).executeTakeFirst();
    if (!row) return false;
    await tx.deleteFrom('event_deliveries').where('subscription_id', '=', row.id).execute();
    await tx.deleteFrom('event_subscriptions').where('id', '=', row.id).execute();
    return true;
  });
}

export function openSecret(secrets: SecretBox, row: Pick<SubscriptionRow, 'secret_sealed' | 'arn'>): string {
  return secrets.open(row.secret_sealed, row.arn).toString('utf8');
}

/**
 * Handlers get the database but not the secret box in their RequestContext; the server binds
 * its box to its database handle here when event delivery starts, so two servers in one
 * process (tests) never share keys.
 */
const boxes = new WeakMap<object, SecretBox>();
export function bindSecrets(db: Db, secrets: SecretBox): void {
  boxes.set(db, secrets);
}
export function secretsFor(db: Db): SecretBox {
  const box = boxes.get(db);
  if (!box) throw new Error('event subscriptions used before startEventDelivery bound the secret box');
  return box;
}
