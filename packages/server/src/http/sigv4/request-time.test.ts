import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readRequestTime } from './request-time';
import { SigV4Error } from './sigv4-error';

describe('readRequestTime', () => {
  it('reads X-Amz-Date the same way when it sees the same value again, with a Date of its own each time', () => {
    const first = readRequestTime('20260314T120000Z', undefined, 'auth');
    const again = readRequestTime('20260314T120000Z', undefined, 'auth');
    assert.equal(first.time.toISOString(), '2026-03-14T12:00:00.000Z');
    assert.deepEqual(again, first);
    assert.notEqual(again.time, first.time, 'a caller may keep or change its Date');
    const padded = readRequestTime(' 20260314T120001Z ', undefined, 'auth');
    assert.deepEqual(padded, { time: new Date('2026-03-14T12:00:01Z'), amzDate: '20260314T120001Z' });
    assert.deepEqual(readRequestTime(' 20260314T120001Z ', undefined, 'auth'), padded);
    assert.deepEqual(readRequestTime('20260314T120000Z', undefined, 'auth'), first);
  });

  it('refuses a malformed X-Amz-Date every time, also right after a good one', () => {
    const refused = (value: string) =>
      assert.throws(
        () => readRequestTime(value, undefined, 'auth'),
        (e: unknown) =>
          e instanceof SigV4Error &&
          e.message === `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    readRequestTime('20260314T120000Z', undefined, 'auth');
    refused('2026-03-14T12:00:00Z');
    refused('2026-03-14T12:00:00Z');
    refused('20260314T1200Z');
    refused('20261314T120000Z');
    refused('20260230T120000Z');
    refused('20260314T250000Z');
    refused('');
  });

  it('falls back to the Date header', () => {
    const read = readRequestTime(undefined, 'Sat, 14 Mar 2026 12:00:00 GMT', 'auth');
    assert.deepEqual(read, { time: new Date('2026-03-14T12:00:00Z'), amzDate: '20260314T120000Z' });
  });
});
