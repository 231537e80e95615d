import type { Kysely } from 'kysely';

/** Session Manager: one row per session (see features/sessions/tables.ts). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('document_name', 'text', (c) => c.notNull())
    .addColumn('session_type', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('max_session_duration', 'text')
    .addColumn('idle_timeout_minutes', 'integer', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('recording_key', 'text')
    .addColumn('exit_code', 'integer')
    .addColumn('client_token_hash', 'text')
    .addColumn('client_token_expires', 'text')
    .addColumn('agent_token_hash', 'text')
    .execute();
  // DescribeSessions pages newest first within an account and region.
  await db.schema.createIndex('sessions_account').on('sessions').columns(['account_id', 'region', 'start_date']).execute();
  // A restart ends the sessions that were live.
  await db.schema.createIndex('sessions_status').on('sessions').columns(['status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sessions').ifExists().execute();
}
