import type { OperationDef } from '../../operations/types';
import { createEventSubscriptionOperation } from './create-event-subscription';
import { deleteEventSubscriptionOperation } from './delete-event-subscription';
import { listEventSubscriptionsOperation } from './list-event-subscriptions';
import { listEventsOperation } from './list-events';
import { testEventSubscriptionOperation } from './test-event-subscription';

/** The Bosun events API (X-Amz-Target prefix BosunEvents_20261101), served on the front door. */
export const eventsOperations: OperationDef[] = [
  createEventSubscriptionOperation,
  listEventSubscriptionsOperation,
  deleteEventSubscriptionOperation,
  listEventsOperation,
  testEventSubscriptionOperation,
];

export type { CreateEventSubscriptionOutput } from './create-event-subscription';
export type { ListEventSubscriptionsOutput, EventSubscriptionSummary } from './list-event-subscriptions';
export type { ListEventsOutput, EventSummary } from './list-events';
export type { TestEventSubscriptionOutput } from './test-event-subscription';
export { eventJobs } from './jobs';
