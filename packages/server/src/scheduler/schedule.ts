import { nextCronWall, parseCron, ScheduleError } from './cron';
import { fromWall, isValidTimeZone, toWall } from './zoned-time';

export { ScheduleError } from './cron';

/** A parsed AWS schedule expression, able to say when it fires next. */
export interface Schedule {
  kind: 'cron' | 'rate' | 'at';
  expression: string;
  timeZone: string;
  /**
   * The first run strictly after `after`, or undefined when there is none (an `at` in the past,
   * a cron whose years are over). A rate counts its periods from `anchor` (e.g. when the
   * association was created) when given, else from `after`.
   */
  next(after: Date, anchor?: Date): Date | undefined;
}

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * `cron(0 2 ? * SUN *)`, `rate(5 minutes)`, `at(2026-12-01T00:00:00)`. Cron and at are read in
 * `timeZone` (an IANA name; AWS's default is UTC). Throws ScheduleError naming what is wrong;
 * each feature turns that into its own AWS error code.
 */
export function parseSchedule(expression: string, options: { timeZone?: string } = {}): Schedule {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new ScheduleError(`unknown time zone: ${timeZone}`);
  const m = /^(cron|rate|at)\((.*)\)$/s.exec(expression.trim());
  if (!m) throw new ScheduleError('a schedule expression is cron(…), rate(…) or at(…)');
  const [, kind, body] = m;
  if (kind === 'cron') {
    const fields = parseCron(body);
    return {
      kind, expression, timeZone,
      next(after) {
        const afterMs = after.getTime();
        // AWS: a time skipped when clocks go forward is skipped, not moved; one repeated when they
        // go back runs once (fromWall picks the first occurrence).
        const wall = nextCronWall(fields, toWall(timeZone, afterMs), (w) => {
          const at = fromWall(timeZone, w);
          return at > afterMs && toWall(timeZone, at) === w;
        });
        return wall === undefined ? undefined : new Date(fromWall(timeZone, wall));
      },
    };
  }
  if (kind === 'rate') {
    const r = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(body);
    if (!r) throw new ScheduleError('a rate expression is rate(<value> <unit>) with unit minute(s), hour(s) or day(s)');
    const value = Number(r[1]);
    const plural = r[2].endsWith('s');
    if (value < 1) throw new ScheduleError('the rate value must be a positive whole number');
    // AWS: a value of 1 takes the singular unit, any other the plural.
    if ((value === 1) === plural) throw new ScheduleError(value === 1 ? `use rate(1 ${r[2].slice(0, -1)})` : `use rate(${value} ${r[2]}s)`);
    const period = value * RATE_UNITS[plural ? r[2].slice(0, -1) : r[2]];
    return {
      kind, expression, timeZone,
      next(after, anchor) {
        const base = (anchor ?? after).getTime();
        const k = Math.max(1, Math.floor((after.getTime() - base) / period) + 1);
        return new Date(base + k * period);
      },
    };
  }
  const a = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim());
  if (!a) throw new ScheduleError('an at expression is at(yyyy-mm-ddThh:mm:ss)');
  const [y, mo, d, h, mi, s] = a.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new ScheduleError(`not a valid date and time: ${body}`);
  }
  const at = new Date(fromWall(timeZone, wall));
  return { kind: 'at', expression, timeZone, next: (after) => (at.getTime() > after.getTime() ? at : undefined) };
}
