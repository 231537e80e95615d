import type { Kysely } from 'kysely';

/** Run Command: commands and their per-node invocations (see features/commands/tables.ts). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('commands')
    .addColumn('command_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('document_name', 'text', (c) => c.notNull())
    .addColumn('document_version', 'text', (c) => c.notNull())
    .addColumn('document_snapshot', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('instance_ids', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_after', 'text', (c) => c.notNull())
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull())
    .addColumn('max_concurrency', 'text', (c) => c.notNull())
    .addColumn('max_errors', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_details', 'text', (c) => c.notNull())
    .addColumn('target_count', 'integer', (c) => c.notNull())
    .addColumn('completed_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('delivery_timed_out_count', 'integer', (c) => c.notNull())
    .addColumn('output_s3_bucket_name', 'text', (c) => c.notNull())
    .addColumn('output_s3_key_prefix', 'text', (c) => c.notNull())
    .addColumn('notification_config', 'text', (c) => c.notNull())
    .addColumn('service_role', 'text', (c) => c.notNull())
    .addColumn('requester_arn', 'text', (c) => c.notNull())
    .execute();
  // ListCommands pages newest first within an account and region.
  await db.schema.createIndex('commands_account').on('commands').columns(['account_id', 'region', 'requested_at']).execute();
  // The engine looks for commands that still have work.
  await db.schema.createIndex('commands_status').on('commands').columns(['status']).execute();

  await db.schema.createTable('command_invocations')
    .addColumn('command_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_details', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('acked_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('response_code', 'integer', (c) => c.notNull())
    .addColumn('plugins', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('command_invocations_pk', ['command_id', 'instance_id'])
    .execute();
  // A node that reconnects gets its undelivered invocations.
  await db.schema.createIndex('command_invocations_node').on('command_invocations').columns(['instance_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['command_invocations', 'commands']) await db.schema.dropTable(table).ifExists().execute();
}
