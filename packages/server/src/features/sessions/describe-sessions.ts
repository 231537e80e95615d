import type { Input, Output } from '@bosun/protocol';
import type { SessionFilter } from '@bosun/protocol/generated/ssm/types';
import { AwsError } from '../../operations/errors';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import type { OperationDef, RequestContext } from '../../operations/types';
import { ACTIVE_STATUSES, HISTORY_STATUSES } from './statuses';
import type { SessionRow } from './store';
import { toSession } from './views';

type Position = { t: string; id: string };

const badFilter = (message: string) => new AwsError('InvalidFilterKey', message);

async function describeSessions(input: Input<'DescribeSessions'>, ctx: RequestContext): Promise<Output<'DescribeSessions'>> {
  const max = input.MaxResults ?? 20;
  const filters = input.Filters ?? [];
  const scope = `DescribeSessions:${ctx.accountId}:${ctx.region}:${input.State}:${JSON.stringify(filters)}`;
  const from = input.NextToken ? decodeNextToken<Position>(input.NextToken, scope) : undefined;
  const statuses = input.State === 'Active' ? ACTIVE_STATUSES : HISTORY_STATUSES;
  let q = ctx.db.selectFrom('sessions').selectAll().where('account_id', '=', ctx.accountId).where('region', '=', ctx.region)
    .where('status', 'in', statuses);
  for (const f of filters) q = applyFilter(q, f);
  // Newest first; (start_date, session_id) is the position, so equal times page stably.
  if (from) q = q.where((eb) => eb.or([eb('start_date', '<', from.t), eb.and([eb('start_date', '=', from.t), eb('session_id', '<', from.id)])]));
  const rows: SessionRow[] = await q.orderBy('start_date', 'desc').orderBy('session_id', 'desc').limit(max + 1).execute();
  const page = rows.slice(0, max);
  const last = page[page.length - 1];
  return {
    Sessions: page.map((r) => toSession(ctx.db, r)),
    ...(rows.length > max && last ? { NextToken: encodeNextToken(scope, { t: last.start_date, id: last.session_id }) } : {}),
  };
}

type Query = ReturnType<typeof baseQuery>;
const baseQuery = (ctx: RequestContext) => ctx.db.selectFrom('sessions').selectAll();

function applyFilter(q: Query, f: SessionFilter): Query {
  const value = f.value;
  switch (f.key) {
    // AWS: InvokedAfter/InvokedBefore take a time (2018-08-29T00:00:00Z) and compare with StartDate.
    case 'InvokedAfter': return q.where('start_date', '>=', time(value));
    case 'InvokedBefore': return q.where('start_date', '<=', time(value));
    case 'Target': return q.where('target', '=', value);
    case 'Owner': return q.where('owner', '=', value);
    case 'Status': return q.where('status', '=', value);
    case 'SessionId': return q.where('session_id', '=', value);
    // Bosun has no just-in-time access: every session is Standard.
    case 'AccessType': return value === 'Standard' ? q : q.where('session_id', '=', '');
    default: throw badFilter(`Filter key ${String(f.key)} is not valid.`);
  }
}

function time(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AwsError('ValidationException', `Filter value ${value} is not a valid date and time (e.g. 2018-08-29T00:00:00Z).`);
  return new Date(ms).toISOString();
}

export const describeSessionsOperation: OperationDef<Input<'DescribeSessions'>, Output<'DescribeSessions'>> = {
  service: 'ssm',
  name: 'DescribeSessions',
  handle: describeSessions,
};
