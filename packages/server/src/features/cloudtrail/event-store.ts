import type { Db } from '../../db/index';
import { auditIndexed } from '../../audit/journal';
import type { AuditEvent } from '../../audit/index';
import type { LookupQuery } from './lookup-input';

export interface EventPage {
  events: AuditEvent[];
  /** The seq of the last event returned, when older matches remain. */
  more?: number;
}

/**
 * One page of one account's events in one region, newest first (by chain order). `before` is
 * the seq the previous page ended at: records appended meanwhile have higher seqs, so paging
 * never repeats or skips an event.
 */
export async function findEvents(
  db: Db,
  scope: { accountId: string; region: string },
  query: LookupQuery,
  before: number | undefined,
): Promise<EventPage> {
  await auditIndexed(db);
  let q = db.selectFrom('audit_events').selectAll()
    .where('account_id', '=', scope.accountId)
    .where('region', '=', scope.region);
  if (before !== undefined) q = q.where('seq', '<', before);
  // event_time is toISOString() text: fixed width, so text comparison is time comparison.
  if (query.start) q = q.where('event_time', '>=', query.start.toISOString());
  if (query.end) q = q.where('event_time', '<=', query.end.toISOString());
  const a = query.attribute;
  if (a) {
    switch (a.key) {
      case 'EventId': q = q.where('event_id', '=', a.value); break;
      case 'EventName': q = q.where('event_name', '=', a.value); break;
      case 'ReadOnly': q = q.where('read_only', '=', a.value === 'true' ? 1 : 0); break;
      case 'Username': q = q.where('user_name', '=', a.value); break;
      case 'EventSource': q = q.where('event_source', '=', a.value); break;
      case 'AccessKeyId': q = q.where('access_key_id', '=', a.value); break;
      case 'ResourceType':
      case 'ResourceName': {
        const column = a.key === 'ResourceType' ? 'resource_type' : 'resource_name';
        q = q.where('event_id', 'in', db.selectFrom('audit_event_resources').select('event_id')
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .where(column, '=', a.value));
        break;
      }
    }
  }
  const rows = await q.orderBy('seq', 'desc').limit(query.maxResults + 1).execute();
  if (rows.length <= query.maxResults) return { events: rows };
  const events = rows.slice(0, query.maxResults);
  return { events, more: Number(events[events.length - 1].seq) };
}
