import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../test/databases';
import { createLogger } from '../observability/logger';
import { GENESIS_HASH, verifyAuditChain } from './index';
import { sampleEvent } from './test-events';
import { AuditWriter } from './writer';

forEachDatabase('audit group commit', (f) => {
  // Callers that each wait for their record before sending the next, as requests in flight do:
  // a record then often arrives in the very step a batch finishes. One that arrived just after
  // the drain's last look at the queue used to wait for a later record that never came.
  it('answers every caller of a steady stream of records and chains each record once', { timeout: 120_000 }, async () => {
    await f.db.deleteFrom('audit_events').execute();
    await f.db.deleteFrom('audit_event_resources').execute();
    await f.db.updateTable('audit_chain_head').set({ seq: 0, hash: GENESIS_HASH, mac: null }).execute();
    const key = f.secrets.derive('audit-chain');
    const writer = new AuditWriter(f.db, key, createLogger('silent'));
    await Promise.all(Array.from({ length: 32 }, async (_, caller) => {
      for (let i = 0; i < 20; i++) await writer.record(sampleEvent(caller * 100 + i, { requestId: `caller-${caller}-${i}` }));
    }));
    await writer.flush();
    const result = await verifyAuditChain(f.db, key);
    assert.deepEqual(result.problems, []);
    assert.equal(result.checked, 640);
    const ids = await f.db.selectFrom('audit_events').select('request_id').execute();
    assert.equal(new Set(ids.map((r) => r.request_id)).size, 640);
  });
});
