import { SigV4Error } from './sigv4-error';

// AWS: requests signed more than 15 minutes away from the server clock are refused.
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** `20150830T123600Z`, the ISO-8601 basic format SigV4 signs. */
export function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The last X-Amz-Date read, parsed: every request sent within the same second carries it. */
let lastRead: { header: string; ms: number; amzDate: string } | undefined;

/**
 * The request time from `X-Amz-Date` (preferred) or `Date`, plus the exact string the client
 * signed in the string-to-sign.
 */
export function readRequestTime(
  amzDate: string | undefined,
  httpDate: string | undefined,
  authorization: string,
): { time: Date; amzDate: string } {
  if (amzDate !== undefined) {
    const last = lastRead;
    if (last !== undefined && last.header === amzDate) return { time: new Date(last.ms), amzDate: last.amzDate };
    const trimmed = amzDate.trim();
    const m = AMZ_DATE.exec(trimmed);
    const time = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
    // AWS: a date that does not exist (month 13, 30 February, hour 25) is as malformed as bad syntax;
    // Date.UTC would roll it over into a real one.
    if (!m || !time || Number.isNaN(time.getTime()) || toAmzDate(time) !== trimmed) {
      // AWS: the message points at the ISO-8601 article.
      throw new SigV4Error(
        'incomplete',
        `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
    lastRead = { header: amzDate, ms: time.getTime(), amzDate: trimmed };
    return { time, amzDate: trimmed };
  }
  if (httpDate !== undefined) {
    const time = new Date(httpDate);
    if (Number.isNaN(time.getTime())) {
      throw new SigV4Error('incomplete', `Date header could not be parsed: '${httpDate}'.`);
    }
    return { time, amzDate: toAmzDate(time) };
  }
  // AWS: same wording as the missing-parameter messages.
  throw new SigV4Error(
    'incomplete',
    `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
  );
}

/** Refuses a request time more than 15 minutes before or after `now`. */
export function checkSkew(time: Date, now: Date): void {
  const diff = time.getTime() - now.getTime();
  if (diff < -MAX_SKEW_MS) {
    // AWS: "Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)"
    const limit = new Date(now.getTime() - MAX_SKEW_MS);
    throw new SigV4Error(
      'skewed',
      `Signature expired: ${toAmzDate(time)} is now earlier than ${toAmzDate(limit)} (${toAmzDate(now)} - 15 min.)`,
    );
  }
  if (diff > MAX_SKEW_MS) {
    // AWS: "Signature not yet current: 20210112T194419Z is still later than 20210112T072625Z (20210112T071125Z + 15 min.)"
    const limit = new Date(now.getTime() + MAX_SKEW_MS);
    throw new SigV4Error(
      'skewed',
      `Signature not yet current: ${toAmzDate(time)} is still later than ${toAmzDate(limit)} (${toAmzDate(now)} + 15 min.)`,
    );
  }
}
