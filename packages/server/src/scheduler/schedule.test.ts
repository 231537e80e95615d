import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSchedule, ScheduleError } from './schedule';

const iso = (d: Date | undefined) => d?.toISOString().replace('.000Z', 'Z');
/** The next `n` runs after `from`. */
function runs(expr: string, from: string, n: number, timeZone?: string): string[] {
  const s = parseSchedule(expr, { timeZone });
  const out: string[] = [];
  let t = new Date(from);
  for (let i = 0; i < n; i++) {
    const next = s.next(t);
    if (!next) break;
    out.push(iso(next)!);
    t = next;
  }
  return out;
}

describe('AWS cron expressions (the examples in AWS’s documentation)', () => {
  // 2026-11-28 is a Saturday.
  it('cron(0 10 * * ? *): 10:00 every day', () => {
    assert.deepEqual(runs('cron(0 10 * * ? *)', '2026-11-28T10:00:00Z', 2), ['2026-11-29T10:00:00Z', '2026-11-30T10:00:00Z']);
  });
  it('cron(15 12 * * ? *): 12:15 every day', () => {
    assert.deepEqual(runs('cron(15 12 * * ? *)', '2026-11-28T09:00:00Z', 1), ['2026-11-28T12:15:00Z']);
  });
  it('cron(0 18 ? * MON-FRI *): 18:00 on weekdays', () => {
    assert.deepEqual(runs('cron(0 18 ? * MON-FRI *)', '2026-11-27T19:00:00Z', 2), ['2026-11-30T18:00:00Z', '2026-12-01T18:00:00Z']);
  });
  it('cron(0 8 1 * ? *): 08:00 on the first of the month', () => {
    assert.deepEqual(runs('cron(0 8 1 * ? *)', '2026-11-28T00:00:00Z', 2), ['2026-12-01T08:00:00Z', '2027-01-01T08:00:00Z']);
  });
  it('cron(0/15 * * * ? *): every 15 minutes', () => {
    assert.deepEqual(runs('cron(0/15 * * * ? *)', '2026-11-28T10:07:30Z', 3), ['2026-11-28T10:15:00Z', '2026-11-28T10:30:00Z', '2026-11-28T10:45:00Z']);
  });
  it('cron(0/5 8-17 ? * MON-FRI *): every 5 minutes 08:00-17:55 on weekdays', () => {
    assert.deepEqual(runs('cron(0/5 8-17 ? * MON-FRI *)', '2026-11-27T17:52:00Z', 2), ['2026-11-27T17:55:00Z', '2026-11-30T08:00:00Z']);
  });
  it('cron(0 9 ? * 2#1 *): 09:00 on the first Monday of the month', () => {
    assert.deepEqual(runs('cron(0 9 ? * 2#1 *)', '2026-11-28T00:00:00Z', 2), ['2026-12-07T09:00:00Z', '2027-01-04T09:00:00Z']);
  });
  it('cron(0 2 ? * SUN *) and numeric 1 for Sunday', () => {
    assert.deepEqual(runs('cron(0 2 ? * SUN *)', '2026-11-28T00:00:00Z', 1), ['2026-11-29T02:00:00Z']);
    assert.deepEqual(runs('cron(0 2 ? * 1 *)', '2026-11-28T00:00:00Z', 1), ['2026-11-29T02:00:00Z']);
  });
  it('L, W, LW and nL', () => {
    assert.deepEqual(runs('cron(0 0 L * ? *)', '2027-02-01T00:00:00Z', 2), ['2027-02-28T00:00:00Z', '2027-03-31T00:00:00Z']);
    assert.deepEqual(runs('cron(0 0 L 2 ? *)', '2027-03-01T00:00:00Z', 1), ['2028-02-29T00:00:00Z']);
    // 2026-11-01 is a Sunday → Monday the 2nd; 2027-05-01 a Saturday → Monday the 3rd (W stays in the month).
    assert.deepEqual(runs('cron(0 0 1W * ? *)', '2026-10-31T00:00:00Z', 1), ['2026-11-02T00:00:00Z']);
    assert.deepEqual(runs('cron(0 0 1W 5 ? *)', '2027-01-01T00:00:00Z', 1), ['2027-05-03T00:00:00Z']);
    // The last weekday of January 2027 (31st is a Sunday) is Friday the 29th.
    assert.deepEqual(runs('cron(0 0 LW 1 ? *)', '2027-01-01T00:00:00Z', 1), ['2027-01-29T00:00:00Z']);
    // The last Friday (6L) of December 2026 is the 25th.
    assert.deepEqual(runs('cron(0 0 ? 12 6L *)', '2026-11-28T00:00:00Z', 1), ['2026-12-25T00:00:00Z']);
  });
  it('the year field ends the schedule', () => {
    assert.deepEqual(runs('cron(0 0 1 1 ? 2027-2028)', '2026-11-28T00:00:00Z', 5), ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z']);
  });
  it('reads the fields in a time zone, across a daylight-saving change', () => {
    // AWS: 02:30 in New York does not exist on 2027-03-14, so that day's run is skipped; the offset then changes.
    assert.deepEqual(
      runs('cron(30 2 * * ? *)', '2027-03-13T00:00:00Z', 3, 'America/New_York'),
      ['2027-03-13T07:30:00Z', '2027-03-15T06:30:00Z', '2027-03-16T06:30:00Z'],
    );
    // 01:30 happens twice on 2027-11-07; it runs once, at the first.
    assert.deepEqual(
      runs('cron(30 1 * * ? *)', '2027-11-06T12:00:00Z', 2, 'America/New_York'),
      ['2027-11-07T05:30:00Z', '2027-11-08T06:30:00Z'],
    );
  });
  it('refuses malformed expressions', () => {
    for (const bad of ['cron(0 10 * * *)', 'cron(0 10 * * * *)', 'cron(0 10 ? * ? *)', 'cron(60 10 * * ? *)', 'cron(0 24 * * ? *)', 'cron(0 0 32 * ? *)',
      'cron(0 0 ? * 8 *)', 'cron(0 0 ? FOO * *)', 'cron(0 0 1 * ? 2200)', 'cron(0 0 ? * 2#6 *)', 'cron(5-1 0 * * ? *)', 'every day']) {
      assert.throws(() => parseSchedule(bad), ScheduleError, bad);
    }
  });
});

describe('rate and at expressions', () => {
  it('rate counts periods from its anchor', () => {
    const s = parseSchedule('rate(5 minutes)');
    assert.equal(iso(s.next(new Date('2026-11-28T10:07:00Z'))), '2026-11-28T10:12:00Z');
    assert.equal(iso(s.next(new Date('2026-11-28T10:07:00Z'), new Date('2026-11-28T10:00:00Z'))), '2026-11-28T10:10:00Z');
    assert.equal(iso(parseSchedule('rate(1 hour)').next(new Date('2026-11-28T10:00:00Z'), new Date('2026-11-28T10:00:00Z'))), '2026-11-28T11:00:00Z');
    assert.equal(iso(parseSchedule('rate(2 days)').next(new Date('2026-11-28T10:00:00Z'))), '2026-11-30T10:00:00Z');
  });
  it('rate wants the singular for 1 and the plural otherwise, as AWS does', () => {
    for (const bad of ['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(5 weeks)', 'rate(-1 minutes)', 'rate(minutes)']) {
      assert.throws(() => parseSchedule(bad), ScheduleError, bad);
    }
  });
  it('at fires once, in UTC or in a time zone', () => {
    const s = parseSchedule('at(2026-12-01T00:00:00)');
    assert.equal(iso(s.next(new Date('2026-11-28T00:00:00Z'))), '2026-12-01T00:00:00Z');
    assert.equal(s.next(new Date('2026-12-01T00:00:00Z')), undefined);
    assert.equal(iso(parseSchedule('at(2026-12-01T00:00:00)', { timeZone: 'Asia/Tokyo' }).next(new Date(0))), '2026-11-30T15:00:00Z');
    for (const bad of ['at(2026-02-30T00:00:00)', 'at(2026-12-01 00:00:00)', 'at(2026-12-01T24:00:00)']) assert.throws(() => parseSchedule(bad), ScheduleError, bad);
    assert.throws(() => parseSchedule('at(2026-12-01T00:00:00)', { timeZone: 'Mars/Olympus' }), ScheduleError);
  });
});
