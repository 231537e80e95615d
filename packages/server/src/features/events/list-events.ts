import type { OperationDef, RequestContext } from '../../operations/types';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import { AwsError } from '../../operations/errors';
import { renderEvent } from '../../events/index';
import { InputChecker } from './validate';

export interface EventSummary {
  EventId: string;
  Time: Date;
  Source: string;
  DetailType: string;
  Resources: string[];
  /** The whole EventBridge event as JSON text, as a webhook receives it (like CloudTrail's CloudTrailEvent). */
  Event: string;
}

export interface ListEventsOutput {
  Events: EventSummary[];
  NextToken?: string;
}

interface Position { time: string; id: string }

interface ListEventsInput { source?: string; detailType?: string; start?: Date; end?: Date; max: number; token?: string }

function readInput(raw: unknown): ListEventsInput {
  const c = InputChecker.of(raw);
  const source = c.string('Source', { min: 1, max: 256 });
  const detailType = c.string('DetailType', { min: 1, max: 128 });
  const start = c.timestamp('StartTime');
  const end = c.timestamp('EndTime');
  const max = c.integer('MaxResults', { min: 1, max: 100 }) ?? 50;
  const token = c.string('NextToken', { min: 1, max: 2048 });
  c.done();
  if (start && end && start > end) throw new AwsError('ValidationException', 'StartTime must be before EndTime.');
  return { source, detailType, start, end, max, token };
}

/** The account's event log in the caller's region, newest first. */
async function listEvents(raw: unknown, ctx: RequestContext): Promise<ListEventsOutput> {
  const { source, detailType, start, end, max, token } = readInput(raw);
  // The token is bound to the filters it was made for, so it cannot be replayed on another listing.
  const scope = `events:${ctx.accountId}:${ctx.region}:${JSON.stringify([source, detailType, start?.getTime(), end?.getTime()])}`;
  const after = token ? decodeNextToken<Position>(token, scope, 'InvalidNextTokenException') : undefined;

  let q = ctx.db.selectFrom('events').selectAll().where('account_id', '=', ctx.accountId).where('region', '=', ctx.region);
  if (source) q = q.where('source', '=', source);
  if (detailType) q = q.where('detail_type', '=', detailType);
  if (start) q = q.where('time', '>=', start.toISOString());
  if (end) q = q.where('time', '<=', end.toISOString());
  if (after) {
    // A position, not an offset: events written meanwhile never shift or repeat a page.
    q = q.where((eb) => eb.or([eb('time', '<', after.time), eb.and([eb('time', '=', after.time), eb('id', '<', after.id)])]));
  }
  const rows = await q.orderBy('time', 'desc').orderBy('id', 'desc').limit(max + 1).execute();
  const page = rows.slice(0, max);
  const last = page[page.length - 1];
  return {
    Events: page.map((row) => ({
      EventId: row.id,
      Time: new Date(row.time),
      Source: row.source,
      DetailType: row.detail_type,
      Resources: JSON.parse(row.resources) as string[],
      Event: JSON.stringify(renderEvent(row)),
    })),
    NextToken: rows.length > max ? encodeNextToken(scope, { time: last.time, id: last.id } satisfies Position) : undefined,
  };
}

export const listEventsOperation: OperationDef<unknown, ListEventsOutput> = {
  service: 'bosun',
  name: 'ListEvents',
  // AWS: input is validated before the caller is authorised.
  authorize: (raw) => (readInput(raw), {}),
  handle: listEvents,
};
