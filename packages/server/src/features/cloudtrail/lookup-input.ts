import { AwsError } from '../../operations/errors';

/** LookupEvents' request as the wire carries it (epoch seconds, or Dates from a parser). */
export interface LookupEventsInput {
  LookupAttributes?: Array<{ AttributeKey?: string; AttributeValue?: string }>;
  StartTime?: number | Date | string;
  EndTime?: number | Date | string;
  EventCategory?: string;
  MaxResults?: number;
  NextToken?: string;
}

export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId',
] as const;
export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

/** A checked request: at most one attribute, a sane time range, a page size. */
export interface LookupQuery {
  attribute?: { key: LookupAttributeKey; value: string };
  start?: Date;
  end?: Date;
  maxResults: number;
  /** Bosun records no Insights events: an `insight` lookup finds nothing. */
  insights: boolean;
}

// AWS: the CloudTrail model documents these limits; there is no shape table for CloudTrail in
// this repo, so they are checked here with CloudTrail's own error codes.
const MAX_ATTRIBUTE_VALUE = 2000;
const MAX_RESULTS = 50;
const DEFAULT_RESULTS = 50;

export function parseLookupInput(input: LookupEventsInput | undefined): LookupQuery {
  const body = input ?? {};
  return {
    attribute: parseAttribute(body.LookupAttributes),
    ...parseTimeRange(body.StartTime, body.EndTime),
    maxResults: parseMaxResults(body.MaxResults),
    insights: parseCategory(body.EventCategory),
  };
}

function parseAttribute(list: LookupEventsInput['LookupAttributes']): LookupQuery['attribute'] {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw invalidAttributes('LookupAttributes must be a list.');
  if (list.length === 0) return undefined;
  // AWS: "Currently the list can contain only one item."
  if (list.length > 1) throw invalidAttributes('You can only specify one lookup attribute.');
  const { AttributeKey: key, AttributeValue: value } = list[0] ?? {};
  if (typeof key !== 'string' || !(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw invalidAttributes(`AttributeKey must be one of ${LOOKUP_ATTRIBUTE_KEYS.join(', ')}.`);
  }
  if (typeof value !== 'string' || value.length === 0) throw invalidAttributes('AttributeValue must not be empty.');
  // AWS: '_', ' ', ',' and '\n' count as two characters towards the 2000-character limit.
  const weighted = value.length + (value.match(/[_ ,\n]/g)?.length ?? 0);
  if (weighted > MAX_ATTRIBUTE_VALUE) throw invalidAttributes(`AttributeValue must be at most ${MAX_ATTRIBUTE_VALUE} characters.`);
  if (key === 'ReadOnly' && value !== 'true' && value !== 'false') {
    throw invalidAttributes('The ReadOnly attribute value must be true or false.');
  }
  return { key: key as LookupAttributeKey, value };
}

function parseTimeRange(startRaw: unknown, endRaw: unknown): { start?: Date; end?: Date } {
  const start = toDate(startRaw, 'StartTime');
  const end = toDate(endRaw, 'EndTime');
  if (start && end && start.getTime() > end.getTime()) {
    throw new AwsError('InvalidTimeRangeException', 'Start time must be before or equal to end time.');
  }
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

function toDate(raw: unknown, name: string): Date | undefined {
  if (raw === undefined || raw === null) return undefined;
  let date: Date | undefined;
  if (raw instanceof Date) date = raw;
  else if (typeof raw === 'number') date = new Date(raw * 1000);
  else if (typeof raw === 'string') date = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getTime() < 0) {
    throw new AwsError('InvalidTimeRangeException', `${name} is not a valid timestamp.`);
  }
  return date;
}

function parseMaxResults(raw: unknown): number {
  if (raw === undefined || raw === null) return DEFAULT_RESULTS;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_RESULTS) {
    throw new AwsError('InvalidMaxResultsException', `MaxResults must be a whole number from 1 to ${MAX_RESULTS}.`);
  }
  return raw;
}

function parseCategory(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  if (raw !== 'insight') throw new AwsError('InvalidEventCategoryException', 'EventCategory must be insight.');
  return true;
}

function invalidAttributes(message: string): AwsError {
  return new AwsError('InvalidLookupAttributesException', message);
}
