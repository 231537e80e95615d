/**
 * The audit log's tables. One row per API call, allowed or denied, chained by `prev_hash` →
 * `hash` (HMAC-SHA256 under a key derived from the master key), plus a head row that records
 * where the chain ends, so removing the newest records is noticed too.
 */

export interface AuditEventsTable {
  /** The chain order: 1, 2, 3 … with no gaps. Assigned under the head lock. */
  seq: number;
  event_id: string;
  /** ISO-8601 UTC with milliseconds (`toISOString()`): fixed width, so text order is time order. */
  event_time: string;
  account_id: string;
  region: string;
  /** CloudTrail's userIdentity.type: Root, IAMUser, AssumedRole, FederatedUser; null when unknown. */
  principal_type: string | null;
  principal_arn: string | null;
  principal_id: string | null;
  /** What LookupEvents calls Username: the user name, the role session name, or `root`. */
  user_name: string | null;
  access_key_id: string | null;
  source_ip: string;
  user_agent: string;
  /** e.g. `ssm.amazonaws.com`. */
  event_source: string;
  event_name: string;
  /** 1 for calls that change nothing. */
  read_only: number;
  /** JSON text, secrets already replaced. */
  request_parameters: string;
  /** JSON text or null, secrets already replaced. */
  response_elements: string | null;
  error_code: string | null;
  error_message: string | null;
  request_id: string;
  /** JSON text: `[{ "type": …, "name": …, "arn": … }]`. */
  resources: string;
  prev_hash: string;
  hash: string;
}

/**
 * Resources named by each event, one row each, so LookupEvents can filter on ResourceType and
 * ResourceName with an index. Only a lookup aid: the authenticated copy is `audit_events.resources`.
 */
export interface AuditEventResourcesTable {
  /** Keyed by event id rather than seq, so the index follows a record that was moved. */
  event_id: string;
  account_id: string;
  region: string;
  resource_type: string;
  resource_name: string;
}

/** One row, id `main`: the newest record's seq and hash, with an HMAC so it cannot be rolled back by hand. */
export interface AuditChainHeadTable {
  id: string;
  seq: number;
  hash: string;
  /** HMAC over (seq, hash); null only for the empty chain the migration creates. */
  mac: string | null;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_event_resources: AuditEventResourcesTable;
  audit_chain_head: AuditChainHeadTable;
}
