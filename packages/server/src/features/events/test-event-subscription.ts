import crypto from 'node:crypto';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getSubscription, openSecret, postWebhook, secretsFor, subscriptionArn, type RenderedEvent } from '../../events/index';
import { notFound, readNameInput } from './delete-event-subscription';

export interface TestEventSubscriptionOutput {
  Delivered: boolean;
  StatusCode?: number;
  Error?: string;
  EventId: string;
}

/**
 * Sends one signed "Bosun Test Event" to the webhook now, whatever its pattern, and says how it
 * answered — so a subscriber can check their receiver and signature code before real events
 * flow. The test event is not written to the event log.
 */
async function testEventSubscription(input: { Name: string }, ctx: RequestContext): Promise<TestEventSubscriptionOutput> {
  const sub = await getSubscription(ctx.db, ctx.accountId, ctx.region, input.Name);
  if (!sub) throw notFound(input.Name);
  const event: RenderedEvent = {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Bosun Test Event',
    source: 'bosun.events',
    account: ctx.accountId,
    time: ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: ctx.region,
    resources: [sub.arn],
    detail: { message: 'This is a test event from Bosun.', subscriptionName: sub.name },
  };
  const result = await postWebhook(
    { url: sub.url, secret: openSecret(secretsFor(ctx.db), sub) },
    { id: event.id, body: JSON.stringify(event) },
    { timeoutMs: 10_000, attempt: 1 },
  );
  return { Delivered: result.ok, StatusCode: result.statusCode, Error: result.error, EventId: event.id };
}

export const testEventSubscriptionOperation: OperationDef<unknown, TestEventSubscriptionOutput> = {
  service: 'bosun',
  name: 'TestEventSubscription',
  authorize: (raw, ctx) => ({ resources: [subscriptionArn(ctx.region, ctx.accountId, readNameInput(raw).Name)] }),
  handle: (raw, ctx) => testEventSubscription(readNameInput(raw), ctx),
};
