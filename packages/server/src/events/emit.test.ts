import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../test/databases';
import { EventBatch, emitEvent } from './emit';
import { renderEvent } from './render';
import { createSubscription } from './subscriptions';

forEachDatabase('event log', (f) => {
  const event = {
    accountId: '111122223333',
    region: 'eu-west-1',
    source: 'aws.ssm',
    detailType: 'Parameter Store Change',
    resources: ['arn:aws:ssm:eu-west-1:111122223333:parameter/a'],
    detail: { operation: 'Create', name: '/a', type: 'String' },
    time: new Date('2026-11-28T10:11:12.345Z'),
  };

  it('stores an event that renders as an EventBridge event', async () => {
    const id = await emitEvent(f.db, event);
    const row = await f.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(renderEvent(row), {
      version: '0',
      id,
      'detail-type': 'Parameter Store Change',
      source: 'aws.ssm',
      account: '111122223333',
      time: '2026-11-28T10:11:12Z',
      region: 'eu-west-1',
      resources: ['arn:aws:ssm:eu-west-1:111122223333:parameter/a'],
      detail: { operation: 'Create', name: '/a', type: 'String' },
    });
    assert.match(id, /^[0-9a-f-]{36}$/);
  });

  it('commits or rolls back with the caller’s transaction', async () => {
    let kept = '';
    await f.db.transaction().execute(async (tx) => { kept = await emitEvent(tx, event); });
    let lost = '';
    await assert.rejects(f.db.transaction().execute(async (tx) => {
      lost = await emitEvent(tx, event);
      throw new Error('the change failed');
    }));
    const ids = (await f.db.selectFrom('events').select('id').execute()).map((r) => r.id);
    assert.ok(ids.includes(kept));
    assert.ok(!ids.includes(lost));
  });

  it('queues a delivery only for enabled subscriptions in the account and region whose pattern matches', async () => {
    const mk = (name: string, pattern: object, extra: { region?: string; enabled?: boolean } = {}) =>
      createSubscription(f.db, f.secrets, { accountId: '111122223333', region: extra.region ?? 'eu-west-1', name, url: 'http://127.0.0.1:1/', eventPattern: JSON.stringify(pattern), enabled: extra.enabled });
    await mk('creates', { source: ['aws.ssm'], detail: { operation: ['Create'] } });
    await mk('deletes', { detail: { operation: ['Delete'] } });
    await mk('other-region', { source: ['aws.ssm'] }, { region: 'us-east-1' });
    await mk('disabled', { source: ['aws.ssm'] }, { enabled: false });
    const id = await emitEvent(f.db, event);
    const owed = await f.db.selectFrom('event_deliveries as d').innerJoin('event_subscriptions as s', 's.id', 'd.subscription_id')
      .select(['s.name', 'd.status', 'd.attempts']).where('d.event_id', '=', id).execute();
    assert.deepEqual(owed, [{ name: 'creates', status: 'pending', attempts: 0 }]);
  });

  it('writes a batch of events in order, each with the deliveries its own pattern match owes', async () => {
    await createSubscription(f.db, f.secrets, { accountId: '444455556666', region: 'eu-west-1', name: 'updates', url: 'http://127.0.0.1:1/', eventPattern: JSON.stringify({ detail: { operation: ['Update'] } }) });
    await createSubscription(f.db, f.secrets, { accountId: '444455556666', region: 'us-east-1', name: 'east', url: 'http://127.0.0.1:1/', eventPattern: JSON.stringify({ source: ['aws.ssm'] }) });
    const batch = new EventBatch();
    const ops = ['Create', 'Update', 'Delete', 'Update'];
    for (const [i, operation] of ops.entries()) {
      batch.add({ ...event, accountId: '444455556666', region: i === 2 ? 'us-east-1' : 'eu-west-1', detail: { operation, name: `/b${i}` } });
    }
    const ids = await f.db.transaction().execute((tx) => batch.flush(tx));
    assert.equal(batch.size, 0);
    const rows = await f.db.selectFrom('events').select(['id', 'detail', 'region']).where('id', 'in', ids).orderBy('id').execute();
    // Ids sort in the order the events were added.
    assert.deepEqual(rows.map((r) => r.id), ids);
    assert.deepEqual(rows.map((r) => JSON.parse(r.detail).name), ['/b0', '/b1', '/b2', '/b3']);
    const owed = await f.db.selectFrom('event_deliveries as d').innerJoin('event_subscriptions as s', 's.id', 'd.subscription_id')
      .select(['s.name', 'd.event_id']).where('d.event_id', 'in', ids).execute();
    assert.deepEqual(owed.map((o) => `${o.name}:${ids.indexOf(o.event_id)}`).sort(), ['east:2', 'updates:1', 'updates:3']);
  });
});
