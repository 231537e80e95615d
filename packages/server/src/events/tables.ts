/**
 * The event log and its webhook delivery, as Kysely sees them. Text ids, ISO-8601 UTC text
 * times (fixed width, so text order is time order), JSON as text, booleans as 0/1.
 */

/** One state change, kept as the EventBridge event it renders to. */
export interface EventsTable {
  /** A UUID, EventBridge's `id`. */
  id: string;
  time: string;
  account_id: string;
  region: string;
  /** e.g. `aws.ssm`. */
  source: string;
  /** e.g. `Parameter Store Change`. */
  detail_type: string;
  /** JSON array of ARNs. */
  resources: string;
  /** JSON object. */
  detail: string;
}

/** A webhook that receives the account's events matching its pattern. */
export interface EventSubscriptionsTable {
  id: string;
  account_id: string;
  region: string;
  name: string;
  arn: string;
  url: string;
  /** JSON text: an EventBridge-style event pattern. */
  event_pattern: string;
  /** The signing secret sealed with the master key (AAD: the subscription ARN). */
  secret_sealed: string;
  enabled: number;
  created_at: string;
  /** Per-subscription delivery state, what ListEventSubscriptions reports. */
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
}

/** One event owed to one subscription: the unit of at-least-once delivery. */
export interface EventDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  /** pending → delivered | failed (gave up after the last attempt). */
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** When a worker may (re)try it; a claim moves it forward by the lease, so a crashed worker's row comes back. */
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface EventTables {
  events: EventsTable;
  event_subscriptions: EventSubscriptionsTable;
  event_deliveries: EventDeliveriesTable;
}
