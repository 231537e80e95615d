import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newEventId } from './event-id';

describe('audit event ids', () => {
  it('are UUIDs (version 7, RFC variant), as CloudTrail EventIds look', () => {
    assert.match(newEventId(), /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sort by creation time, so the event_id indexes grow at one end', () => {
    const earlier = newEventId(Date.UTC(2026, 0, 1));
    const later = newEventId(Date.UTC(2026, 0, 1) + 1);
    assert.ok(earlier < later, `${earlier} < ${later}`);
  });

  it('differ within one millisecond', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId(now)));
    assert.equal(ids.size, 1000);
  });
});
