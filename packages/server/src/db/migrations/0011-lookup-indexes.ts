import type { Kysely } from 'kysely';

/**
 * Indexes for what is read, not for everything that could be.
 *
 * Audit: every API call writes a record, and each index is one more B-tree insert per call.
 * LookupEvents walks one account and region newest first (audit_events_account_seq) and filters
 * as it goes; the per-attribute indexes on EventName and Username, and the ResourceType index of
 * the resource lookup table, only shortened scans for rare values, at a cost on every call.
 * ResourceName (audit_event_resources_name), EventId (the unique event_id) and verification's
 * per-record read (audit_event_resources_event) keep theirs.
 *
 * Run Command: an engine pass reads a command's unfinished or pending invocations and counts
 * them by StatusDetails; by (command_id, status_details) that is an index range, not a read of
 * every invocation with its stored output.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_event_name').ifExists().execute();
  await db.schema.dropIndex('audit_events_user_name').ifExists().execute();
  await db.schema.dropIndex('audit_event_resources_type').ifExists().execute();
  await db.schema.createIndex('command_invocations_status').on('command_invocations')
    .columns(['command_id', 'status_details']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('command_invocations_status').ifExists().execute();
  await db.schema.createIndex('audit_event_resources_type').on('audit_event_resources')
    .columns(['account_id', 'region', 'resource_type']).execute();
  await db.schema.createIndex('audit_events_user_name').on('audit_events')
    .columns(['account_id', 'region', 'user_name', 'seq']).execute();
  await db.schema.createIndex('audit_events_event_name').on('audit_events')
    .columns(['account_id', 'region', 'event_name', 'seq']).execute();
}
