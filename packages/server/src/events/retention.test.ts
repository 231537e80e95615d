import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../test/databases';
import { emitEvent } from './emit';
import { pruneEventLog } from './retention';
import { createSubscription } from './subscriptions';

forEachDatabase('event log retention', (f) => {
  it('drops events past 90 days and finished deliveries past 7, keeping what is pending or recent', async () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
    await createSubscription(f.db, f.secrets, { accountId: '1', region: 'r', name: 's', url: 'http://127.0.0.1:1/', eventPattern: '{}' });
    const emit = (time: Date) => emitEvent(f.db, { accountId: '1', region: 'r', source: 'aws.ssm', detailType: 'X', resources: [], detail: {}, time });
    const old = await emit(days(91));
    const recent = await emit(days(10));
    const pending = await emit(days(9));
    // The recent event's delivery finished 8 days ago; the other is still owed.
    await f.db.updateTable('event_deliveries').set({ status: 'delivered', finished_at: days(8).toISOString() }).where('event_id', '=', recent).execute();
    const pruned = await pruneEventLog(f.db, now);
    assert.deepEqual(pruned, { events: 1, deliveries: 2 });
    const events = (await f.db.selectFrom('events').select('id').execute()).map((r) => r.id).sort();
    assert.deepEqual(events, [recent, pending].sort());
    const owed = (await f.db.selectFrom('event_deliveries').select('event_id').execute()).map((r) => r.event_id);
    assert.deepEqual(owed, [pending]);
    assert.ok(!events.includes(old));
  });
});
