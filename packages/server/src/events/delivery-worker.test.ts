import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import pino from 'pino';
import { sql } from 'kysely';
import { freshDatabase, postgresUrl } from '../../test/databases';
import { openDatabase } from '../db/index';
import { createSecretBox } from '../crypto/secret-box';
import type { Db } from '../db/index';
import { emitEvent } from './emit';
import { startEventDelivery, type EventDelivery } from './delivery-worker';
import { verifyDelivery } from './signature';
import { createSubscription } from './subscriptions';
import { startReceiver, waitFor, type Receiver } from './test-receiver';

const logger = pino({ level: 'silent' });
const secrets = createSecretBox(crypto.randomBytes(32));
const account = '123456789012';
const region = 'us-east-1';

function emit(db: Db, n: number) {
  return emitEvent(db, { accountId: account, region, source: 'aws.ssm', detailType: 'Parameter Store Change', resources: [], detail: { operation: 'Update', n } });
}

async function subscribe(db: Db, name: string, url: string) {
  const made = await createSubscription(db, secrets, { accountId: account, region, name, url, eventPattern: '{"source":["aws.ssm"]}' });
  assert.ok(made !== 'exists');
  return made;
}

describe('webhook delivery [sqlite]', () => {
  let db: Db;
  let close: () => Promise<void>;
  const cleanups: Array<() => Promise<void>> = [];
  before(async () => ({ db, close } = await freshDatabase('sqlite')));
  // Each test's worker and receivers stop with it, so no worker with other settings joins the next test.
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  after(async () => close());
  function worker(options: { maxAttempts?: number; timeoutMs?: number } = {}): EventDelivery {
    const w = startEventDelivery({ db, secrets, logger, pollMs: 10, baseDelayMs: 100, ...options });
    cleanups.push(() => w.stop());
    return w;
  }
  async function receiver(answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
    const r = await startReceiver(answer);
    cleanups.push(() => r.close());
    return r;
  }

  it('POSTs the EventBridge event with a signature the subscriber can verify', async () => {
    const r = await receiver();
    const { secret, row } = await subscribe(db, 'signed', r.url);
    const id = await emit(db, 1);
    worker();
    await waitFor(() => r.received.length === 1, 5000, 'the delivery');
    const got = r.received[0];
    const event = JSON.parse(got.body);
    assert.equal(event.id, id);
    assert.equal(event['detail-type'], 'Parameter Store Change');
    assert.deepEqual(event.detail, { operation: 'Update', n: 1 });
    const headers = { signature: got.headers['x-bosun-signature'] as string, timestamp: got.headers['x-bosun-timestamp'] as string };
    assert.equal(verifyDelivery(secret, headers, got.body), true);
    assert.equal(verifyDelivery(secret, headers, got.body.replace('"n":1', '"n":2')), false, 'a changed body must not verify');
    assert.equal(verifyDelivery('whsec_other', headers, got.body), false);
    await waitFor(async () => (await db.selectFrom('event_subscriptions').select('last_success_at').where('id', '=', row.id).executeTakeFirstOrThrow()).last_success_at !== null, 2000, 'state');
    await db.deleteFrom('event_subscriptions').where('id', '=', row.id).execute();
  });

  it('retries after 500 answers until the webhook accepts, then stops', async () => {
    const r = await receiver((n) => (n < 2 ? 500 : 200));
    const { row } = await subscribe(db, 'flaky', r.url);
    const id = await emit(db, 2);
    worker();
    await waitFor(() => r.received.length >= 3, 5000, 'three attempts');
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(r.received.length, 3, 'no further attempt after the success');
    assert.deepEqual(r.received.map((q) => q.headers['x-bosun-delivery-attempt']), ['1', '2', '3']);
    assert.ok(r.received.every((q) => JSON.parse(q.body).id === id), 'the same event each time');
    const delivery = await db.selectFrom('event_deliveries').selectAll().where('subscription_id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(delivery.status, 'delivered');
    assert.equal(delivery.attempts, 3);
    // Backoff: each retry waits longer than the one before.
    const gaps = [r.received[1].at - r.received[0].at, r.received[2].at - r.received[1].at];
    assert.ok(gaps[1] > gaps[0], `gaps ${gaps.join(', ')} should grow`);
    await db.deleteFrom('event_subscriptions').where('id', '=', row.id).execute();
  });

  it('gives up after the last attempt and records why', async () => {
    const r = await receiver(() => 503);
    const { row } = await subscribe(db, 'down', r.url);
    await emit(db, 3);
    worker({ maxAttempts: 4 });
    await waitFor(async () => (await db.selectFrom('event_deliveries').select('status').where('subscription_id', '=', row.id).executeTakeFirstOrThrow()).status === 'failed', 5000, 'give-up');
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(r.received.length, 4);
    const sub = await db.selectFrom('event_subscriptions').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(sub.consecutive_failures, 4);
    assert.equal(sub.last_error, 'HTTP 503');
    await db.deleteFrom('event_subscriptions').where('id', '=', row.id).execute();
  });

  it('counts a delivery it cannot sign (another master key) as a failed attempt, and gives up', async () => {
    const r = await receiver();
    const { row } = await subscribe(db, 'other-key', r.url);
    await emit(db, 4);
    const w = startEventDelivery({ db, secrets: createSecretBox(crypto.randomBytes(32)), logger, pollMs: 10, baseDelayMs: 20, maxAttempts: 2 });
    cleanups.push(() => w.stop());
    await waitFor(async () => (await db.selectFrom('event_deliveries').select('status').where('subscription_id', '=', row.id).executeTakeFirstOrThrow()).status === 'failed', 5000, 'give-up');
    assert.equal(r.received.length, 0, 'nothing unsigned was sent');
    await db.deleteFrom('event_subscriptions').where('id', '=', row.id).execute();
  });

  it('does not let a webhook that never answers delay another', async () => {
    const stuck = await receiver(() => 'hang');
    const good = await receiver();
    await subscribe(db, 'stuck', stuck.url);
    await subscribe(db, 'good', good.url);
    for (let i = 0; i < 20; i++) await emit(db, 100 + i);
    const started = Date.now();
    worker({ timeoutMs: 30_000 });
    await waitFor(() => good.received.length === 20, 10_000, 'the good webhook');
    // Every event reached the good webhook long before the stuck one's first request could time out.
    assert.ok(Date.now() - started < 30_000);
    assert.ok(stuck.received.length >= 1, 'the stuck webhook was tried too');
  });
});

describe('webhook delivery [postgres, two workers]', () => {
  let db1: Db;
  let close: () => Promise<void>;
  before(async () => ({ db: db1, close } = await freshDatabase('postgres')));
  after(async () => close());

  it('delivers each event exactly once when two workers share the database', async () => {
    const r = await startReceiver();
    try {
      await subscribe(db1, 'shared', r.url);
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++) ids.add(await emit(db1, i));
      // Two workers with their own connection pools, as two replicas would run, racing for the same rows.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db1);
      const db2 = await openDatabase(`${postgresUrl}?schema=${rows[0].schema}`);
      const a = startEventDelivery({ db: db1, secrets, logger, pollMs: 5 });
      const b = startEventDelivery({ db: db2, secrets, logger, pollMs: 5 });
      await waitFor(() => r.received.length >= 60, 10_000, 'all deliveries');
      await new Promise((res) => setTimeout(res, 300));
      await Promise.all([a.stop(), b.stop()]);
      await db2.destroy();
      const byWorker = await db1.selectFrom('event_deliveries').select(['status']).execute();
      assert.ok(byWorker.every((d) => d.status === 'delivered'));
      const got = r.received.map((q) => JSON.parse(q.body).id as string);
      assert.equal(got.length, 60, 'no event delivered twice');
      assert.deepEqual(new Set(got), ids);
    } finally {
      await r.close();
    }
  });
});
