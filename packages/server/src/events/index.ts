/** The event log and webhook delivery: what other rooms may use. */
export { emitEvent, emitEvents, emitTo, EventBatch, type EventSink, type NewEvent } from './emit';
export { renderEvent, type RenderedEvent } from './render';
export { parseEventPattern, matchesPattern, PatternError, type EventPattern } from './pattern';
export { signDelivery, verifyDelivery, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
export { startEventDelivery, DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY_MS, type EventDelivery, type EventDeliveryOptions } from './delivery-worker';
export {
  createSubscription,
  getSubscription,
  listSubscriptions,
  deleteSubscription,
  countSubscriptions,
  subscriptionArn,
  openSecret,
  secretsFor,
  type SubscriptionRow,
} from './subscriptions';
export { postWebhook, type WebhookResult } from './post-webhook';
export type { EventTables } from './tables';
export { pruneEventLog, EVENT_RETENTION_DAYS, DELIVERY_RETENTION_DAYS } from './retention';
