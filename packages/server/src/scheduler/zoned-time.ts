/**
 * Wall-clock time in an IANA time zone, with node's Intl only. A "wall" value is a number of
 * milliseconds whose UTC fields read as the zone's local date and time.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at one instant, in ms (e.g. +3,600,000 for Europe/Paris in winter). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC') return 0;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

export function toWall(timeZone: string, utcMs: number): number {
  return utcMs + zoneOffsetMs(timeZone, utcMs);
}

/**
 * The instant a wall-clock time names. A time skipped by a daylight-saving jump lands just
 * after the jump; a repeated hour resolves to its first occurrence.
 */
export function fromWall(timeZone: string, wallMs: number): number {
  const first = wallMs - zoneOffsetMs(timeZone, wallMs);
  const second = wallMs - zoneOffsetMs(timeZone, first);
  if (first === second) return first;
  // Two candidates: keep the earlier one that still reads as this wall time, else the later.
  const [early, late] = first < second ? [first, second] : [second, first];
  return toWall(timeZone, early) === wallMs ? early : late;
}
