import type { OperationDef, RequestContext } from '../../operations/types';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import { listSubscriptions, type SubscriptionRow } from '../../events/index';
import { InputChecker } from './validate';

export interface EventSubscriptionSummary {
  Name: string;
  SubscriptionArn: string;
  Url: string;
  EventPattern: string;
  Enabled: boolean;
  CreatedTime: Date;
  LastSuccessTime?: Date;
  LastFailureTime?: Date;
  LastError?: string;
  ConsecutiveFailures: number;
}

export interface ListEventSubscriptionsOutput {
  Subscriptions: EventSubscriptionSummary[];
  NextToken?: string;
}

const date = (s: string | null) => (s ? new Date(s) : undefined);

export function summarise(row: SubscriptionRow): EventSubscriptionSummary {
  return {
    Name: row.name,
    SubscriptionArn: row.arn,
    Url: row.url,
    EventPattern: row.event_pattern,
    Enabled: row.enabled === 1,
    CreatedTime: new Date(row.created_at),
    LastSuccessTime: date(row.last_success_at),
    LastFailureTime: date(row.last_failure_at),
    LastError: row.last_error ?? undefined,
    ConsecutiveFailures: row.consecutive_failures,
  };
}

function readInput(raw: unknown): { max: number; token?: string } {
  const c = InputChecker.of(raw);
  const max = c.integer('MaxResults', { min: 1, max: 100 }) ?? 50;
  const token = c.string('NextToken', { min: 1, max: 2048 });
  c.done();
  return { max, token };
}

async function listEventSubscriptions(raw: unknown, ctx: RequestContext): Promise<ListEventSubscriptionsOutput> {
  const { max, token } = readInput(raw);
  const scope = `event-subscriptions:${ctx.accountId}:${ctx.region}`;
  const after = token ? decodeNextToken<string>(token, scope, 'InvalidNextTokenException') : undefined;
  const rows = await listSubscriptions(ctx.db, ctx.accountId, ctx.region, max + 1, after);
  const page = rows.slice(0, max);
  return {
    Subscriptions: page.map(summarise),
    NextToken: rows.length > max ? encodeNextToken(scope, page[page.length - 1].name) : undefined,
  };
}

export const listEventSubscriptionsOperation: OperationDef<unknown, ListEventSubscriptionsOutput> = {
  service: 'bosun',
  name: 'ListEventSubscriptions',
  // AWS: input is validated before the caller is authorised.
  authorize: (raw) => (readInput(raw), {}),
  handle: listEventSubscriptions,
};
