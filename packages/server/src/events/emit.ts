import crypto from 'node:crypto';
import { newEventId } from './event-id';
import type { Db } from '../db/index';
import { renderEvent } from './render';
import { matchesPattern, parseEventPattern, type EventPattern } from './pattern';
import type { EventsTable } from './tables';

export interface NewEvent {
  accountId: string;
  region: string;
  /** e.g. `aws.ssm`. */
  source: string;
  /** e.g. `Parameter Store Change`. */
  detailType: string;
  resources: string[];
  detail: Record<string, unknown>;
  time?: Date;
}

/**
 * Appends an event to the log and queues one delivery per enabled matching subscription.
 * Pass the caller's Kysely `Transaction` as `db` and the event commits (or rolls back) with the
 * change it describes — no event for a write that did not happen, no write without its event.
 */
export async function emitEvent(db: Db, event: NewEvent): Promise<string> {
  const row: EventsTable = {
    id: newEventId(),
    time: (event.time ?? new Date()).toISOString(),
    account_id: event.accountId,
    region: event.region,
    source: event.source,
    detail_type: event.detailType,
    resources: JSON.stringify(event.resources),
    detail: JSON.stringify(event.detail),
  };
  await db.insertInto('events').values(row).execute();
  const subscriptions = await db
    .selectFrom('event_subscriptions')
    .select(['id', 'event_pattern'])
    .where('account_id', '=', event.accountId)
    .where('region', '=', event.region)
    .where('enabled', '=', 1)
    .execute();
  if (subscriptions.length === 0) return row.id;
  const rendered = renderEvent(row) as unknown as Record<string, unknown>;
  const due = subscriptions.filter((s) => matchesPattern(cachedPattern(s.event_pattern), rendered));
  if (due.length > 0) {
    await db
      .insertInto('event_deliveries')
      .values(due.map((s) => ({
        id: crypto.randomUUID(),
        subscription_id: s.id,
        event_id: row.id,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: row.time,
        last_status_code: null,
        last_error: null,
        created_at: row.time,
        finished_at: null,
      })))
      .execute();
  }
  return row.id;
}

// Patterns were validated when the subscription was created; parsing each emit would be waste.
const patterns = new Map<string, EventPattern>();
function cachedPattern(text: string): EventPattern {
  let p = patterns.get(text);
  if (!p) {
    p = parseEventPattern(text);
    if (patterns.size > 1000) patterns.clear();
    patterns.set(text, p);
  }
  return p;
}
