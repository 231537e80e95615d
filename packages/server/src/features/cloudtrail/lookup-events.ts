import crypto from 'node:crypto';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import { findEvents } from './event-store';
import { toLookupEvent, type LookupEvent } from './cloudtrail-event';
import { parseLookupInput, type LookupEventsInput, type LookupQuery } from './lookup-input';

export interface LookupEventsOutput {
  Events: LookupEvent[];
  NextToken?: string;
}

/**
 * CloudTrail LookupEvents over Bosun's audit log: the caller's account and region only, newest
 * first, one optional attribute filter and a time range.
 */
export async function lookupEvents(input: LookupEventsInput, ctx: RequestContext): Promise<LookupEventsOutput> {
  const query = parseLookupInput(input);
  const scope = { accountId: ctx.accountId, region: ctx.region };
  const tokenScope = tokenScopeFor(scope, query);
  // AWS: a token only works with the parameters it was issued for (InvalidNextTokenException).
  const before = input?.NextToken !== undefined && input.NextToken !== null
    ? positionFrom(decodeNextToken<unknown>(String(input.NextToken), tokenScope, 'InvalidNextTokenException'))
    : undefined;
  if (query.insights) return { Events: [] };
  const page = await findEvents(ctx.db, scope, query, before);
  return {
    Events: page.events.map(toLookupEvent),
    ...(page.more !== undefined ? { NextToken: encodeNextToken(tokenScope, page.more) } : {}),
  };
}

/** Binds a token to the account, region and filter it pages through (MaxResults may change). */
function tokenScopeFor(scope: { accountId: string; region: string }, q: LookupQuery): string {
  const filter = JSON.stringify([q.attribute?.key, q.attribute?.value, q.start?.getTime(), q.end?.getTime(), q.insights]);
  const digest = crypto.createHash('sha256').update(filter).digest('base64url').slice(0, 16);
  return `cloudtrail:LookupEvents:${scope.accountId}:${scope.region}:${digest}`;
}

function positionFrom(position: unknown): number {
  // Signed by us, so a malformed position only comes from an incompatible older server.
  if (typeof position !== 'number' || !Number.isInteger(position)) {
    throw new AwsError('InvalidNextTokenException', 'The specified token is not valid.');
  }
  return position;
}

export const lookupEventsOperation: OperationDef<LookupEventsInput, LookupEventsOutput> = {
  service: 'cloudtrail',
  name: 'LookupEvents',
  readOnly: true,
  authorize: () => ({ action: 'cloudtrail:LookupEvents', resources: ['*'] }),
  handle: lookupEvents,
};
