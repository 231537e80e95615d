import crypto from 'node:crypto';
import { newEventId } from './event-id';
import type { Db } from '../db/index';
import { renderEvent } from './render';
import { matchesPattern, parseEventPattern, type EventPattern } from './pattern';
import type { EventsTable } from './tables';
import { insertRows, isPostgres } from '../audit/raw-insert';

const EVENT_COLUMNS: ReadonlyArray<keyof EventsTable> = ['id', 'time', 'account_id', 'region', 'source', 'detail_type', 'resources', 'detail'];

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
  const [id] = await emitEvents(db, [event]);
  return id;
}

/**
 * Several events at once, in order: one INSERT for the lot and one subscription lookup per
 * account and region, where emitting them one by one costs two statements each (a fan-out to
 * thousands of nodes emits an event per invocation and per status change).
 */
export async function emitEvents(db: Db, events: readonly NewEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows: EventsTable[] = events.map((event) => ({
    id: newEventId(),
    time: (event.time ?? new Date()).toISOString(),
    account_id: event.accountId,
    region: event.region,
    source: event.source,
    detail_type: event.detailType,
    resources: JSON.stringify(event.resources),
    detail: JSON.stringify(event.detail),
  }));
  const postgres = isPostgres(db);
  // Plain SQL (the query builder's cost grows with every value), in slices that keep each
  // statement under the drivers' bind-parameter limits.
  for (let i = 0; i < rows.length; i += 500) await insertRows(db, postgres, 'events', EVENT_COLUMNS, rows.slice(i, i + 500));
  const deliveries: Array<{ subscriptionId: string; row: EventsTable }> = [];
  const scopes = new Map<string, EventsTable[]>();
  for (const row of rows) {
    const scope = `${row.account_id}\n${row.region}`;
    const list = scopes.get(scope);
    if (list) list.push(row);
    else scopes.set(scope, [row]);
  }
  for (const scoped of scopes.values()) {
    const subscriptions = await db
      .selectFrom('event_subscriptions')
      .select(['id', 'event_pattern'])
      .where('account_id', '=', scoped[0].account_id)
      .where('region', '=', scoped[0].region)
      .where('enabled', '=', 1)
      .execute();
    if (subscriptions.length === 0) continue;
    for (const row of scoped) {
      const rendered = renderEvent(row) as unknown as Record<string, unknown>;
      for (const s of subscriptions) {
        if (matchesPattern(cachedPattern(s.event_pattern), rendered)) deliveries.push({ subscriptionId: s.id, row });
      }
    }
  }
  for (let i = 0; i < deliveries.length; i += 500) {
    await db
      .insertInto('event_deliveries')
      .values(deliveries.slice(i, i + 500).map(({ subscriptionId, row }) => ({
        id: crypto.randomUUID(),
        subscription_id: subscriptionId,
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
  return rows.map((r) => r.id);
}

/**
 * Events gathered while a batch of changes is made, then written together by `flush` — in the
 * same transaction as the changes, so they still commit or roll back with them.
 */
export class EventBatch {
  private readonly pending: NewEvent[] = [];

  add(event: NewEvent): void {
    this.pending.push(event);
  }

  get size(): number {
    return this.pending.length;
  }

  async flush(db: Db): Promise<string[]> {
    return emitEvents(db, this.pending.splice(0));
  }
}

/** Where an event goes: straight into the log, or into a batch written later. */
export type EventSink = Db | EventBatch;

export async function emitTo(sink: EventSink, event: NewEvent): Promise<void> {
  if (sink instanceof EventBatch) sink.add(event);
  else await emitEvent(sink, event);
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
