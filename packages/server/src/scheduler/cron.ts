/**
 * AWS cron expressions: `cron(Minutes Hours Day-of-month Month Day-of-week Year)`.
 * AWS: six fields; one of day-of-month and day-of-week must be `?`; day-of-week runs 1-7 from
 * SUN; `L` (last), `W` (nearest weekday) in day-of-month; `L`, `nL` and `n#k` in day-of-week;
 * years 1970-2199.
 */
export class ScheduleError extends Error {}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const LAST_YEAR = 2199;

type DayTest = (year: number, month: number, day: number) => boolean;

export interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  months: Set<number>;
  years: Set<number>;
  /** Whether a date (month 1-12) is chosen by the day-of-month or day-of-week field. */
  day: DayTest;
}

export function parseCron(body: string): CronFields {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleError(`a cron expression has 6 fields (minutes hours day-of-month month day-of-week year); got ${fields.length}`);
  const [min, hour, dom, month, dow, year] = fields;
  if ((dom === '?') === (dow === '?')) {
    throw new ScheduleError('use ? in exactly one of the day-of-month and day-of-week fields');
  }
  return {
    minutes: numberSet(min, 0, 59, 'minutes'),
    hours: numberSet(hour, 0, 23, 'hours'),
    months: numberSet(month, 1, 12, 'month', MONTHS),
    years: numberSet(year, 1970, LAST_YEAR, 'year'),
    day: dom === '?' ? dayOfWeek(dow) : dayOfMonth(dom),
  };
}

/** `*`, `5`, `1-5`, `*\/15`, `0/15`, `1-30/2`, lists of these; names where the field has them. */
function numberSet(field: string, lo: number, hi: number, what: string, names?: string[]): Set<number> {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(item);
    if (!m) throw new ScheduleError(`invalid ${what} value: ${item}`);
    const from = m[1] === '*' ? lo : value(m[1], lo, hi, what, names);
    const to = m[2] !== undefined ? value(m[2], lo, hi, what, names) : m[1] === '*' || m[3] !== undefined ? hi : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step < 1) throw new ScheduleError(`invalid ${what} increment: ${item}`);
    if (to < from) throw new ScheduleError(`invalid ${what} range: ${item}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function value(text: string, lo: number, hi: number, what: string, names?: string[]): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  // Month names count from 1 (JAN); day names from 1 (SUN), as AWS numbers them.
  const n = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= lo && n <= hi)) throw new ScheduleError(`invalid ${what} value: ${text}`);
  return n;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = SUN
}

/** The weekday nearest to `day` in the same month (W). */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysIn(year, month);
  const d = Math.min(day, last);
  const wd = weekday(year, month, d);
  if (wd === 6) return d === 1 ? 3 : d - 1; // Saturday → Friday, unless that leaves the month
  if (wd === 0) return d === last ? d - 2 : d + 1; // Sunday → Monday, unless that leaves the month
  return d;
}

function dayOfMonth(field: string): DayTest {
  if (field === 'L') return (y, m, d) => d === daysIn(y, m);
  if (field === 'LW') return (y, m, d) => {
    let last = daysIn(y, m);
    while (weekday(y, m, last) === 0 || weekday(y, m, last) === 6) last--;
    return d === last;
  };
  const lastMinus = /^L-(\d+)$/.exec(field);
  if (lastMinus) return (y, m, d) => d === daysIn(y, m) - Number(lastMinus[1]);
  const w = /^(\d+)W$/.exec(field);
  if (w) {
    const target = Number(w[1]);
    if (target < 1 || target > 31) throw new ScheduleError(`invalid day-of-month value: ${field}`);
    return (y, m, d) => d === nearestWeekday(y, m, target);
  }
  const days = numberSet(field, 1, 31, 'day-of-month');
  return (_y, _m, d) => days.has(d);
}

function dayOfWeek(field: string): DayTest {
  // AWS: L alone in day-of-week is the week's last day, Saturday.
  if (field === 'L') return (y, m, d) => weekday(y, m, d) === 6;
  const lastOf = /^([A-Za-z0-9]+)L$/.exec(field);
  if (lastOf) {
    const wd = value(lastOf[1], 1, 7, 'day-of-week', DAYS) - 1;
    return (y, m, d) => weekday(y, m, d) === wd && d + 7 > daysIn(y, m);
  }
  const nth = /^([A-Za-z0-9]+)#(\d)$/.exec(field);
  if (nth) {
    const wd = value(nth[1], 1, 7, 'day-of-week', DAYS) - 1;
    const k = Number(nth[2]);
    if (k < 1 || k > 5) throw new ScheduleError(`invalid day-of-week value: ${field}`);
    return (y, m, d) => weekday(y, m, d) === wd && Math.ceil(d / 7) === k;
  }
  const days = numberSet(field, 1, 7, 'day-of-week', DAYS);
  return (y, m, d) => days.has(weekday(y, m, d) + 1);
}

/**
 * The first wall-clock minute strictly after `afterWall` (ms, wall clock) that the fields
 * choose, or undefined when none is left before 2200. `accept` may refuse a candidate (e.g. one
 * that falls in a daylight-saving gap) and the search goes on.
 */
export function nextCronWall(f: CronFields, afterWall: number, accept: (wall: number) => boolean = () => true): number | undefined {
  const s = new Date(Math.floor(afterWall / 60_000) * 60_000 + 60_000);
  const [sy, sm, sd, sh, smin] = [s.getUTCFullYear(), s.getUTCMonth() + 1, s.getUTCDate(), s.getUTCHours(), s.getUTCMinutes()];
  for (let y = sy; y <= LAST_YEAR; y++) {
    if (!f.years.has(y)) continue;
    const yearBound = y === sy;
    for (let m = yearBound ? sm : 1; m <= 12; m++) {
      if (!f.months.has(m)) continue;
      const monthBound = yearBound && m === sm;
      for (let d = monthBound ? sd : 1; d <= daysIn(y, m); d++) {
        if (!f.day(y, m, d)) continue;
        const dayBound = monthBound && d === sd;
        for (let h = dayBound ? sh : 0; h <= 23; h++) {
          if (!f.hours.has(h)) continue;
          const hourBound = dayBound && h === sh;
          for (let mi = hourBound ? smin : 0; mi <= 59; mi++) {
            if (!f.minutes.has(mi)) continue;
            const wall = Date.UTC(y, m - 1, d, h, mi);
            if (accept(wall)) return wall;
          }
        }
      }
    }
  }
  return undefined;
}
