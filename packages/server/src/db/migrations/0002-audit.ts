import type { Kysely } from 'kysely';

/** The hash of "no previous record": what record 1 chains from. */
const GENESIS_HASH = '0'.repeat(64);

/**
 * The audit log (see audit/tables.ts). Text and integer columns only, so both engines behave
 * alike; `seq` is assigned by the appender under a lock, never by the database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_time', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('principal_type', 'text')
    .addColumn('principal_arn', 'text')
    .addColumn('principal_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('access_key_id', 'text')
    .addColumn('source_ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('event_source', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('read_only', 'integer', (c) => c.notNull())
    .addColumn('request_parameters', 'text', (c) => c.notNull())
    .addColumn('response_elements', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('resources', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // LookupEvents reads one account and region, newest first; the other filters narrow that scan.
  await db.schema.createIndex('audit_events_account_seq').on('audit_events')
    .columns(['account_id', 'region', 'seq']).execute();
  await db.schema.createIndex('audit_events_event_name').on('audit_events')
    .columns(['account_id', 'region', 'event_name', 'seq']).execute();
  await db.schema.createIndex('audit_events_user_name').on('audit_events')
    .columns(['account_id', 'region', 'user_name', 'seq']).execute();

  await db.schema.createTable('audit_event_resources')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_resources_name').on('audit_event_resources')
    .columns(['account_id', 'region', 'resource_name']).execute();
  await db.schema.createIndex('audit_event_resources_type').on('audit_event_resources')
    .columns(['account_id', 'region', 'resource_type']).execute();
  await db.schema.createIndex('audit_event_resources_event').on('audit_event_resources')
    .column('event_id').execute();

  await db.schema.createTable('audit_chain_head')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('mac', 'text')
    .execute();
  // The head row exists from the start, so every appender locks the same row.
  await db.insertInto('audit_chain_head').values({ id: 'main', seq: 0, hash: GENESIS_HASH, mac: null }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_chain_head').ifExists().execute();
  await db.schema.dropTable('audit_event_resources').ifExists().execute();
  await db.schema.dropTable('audit_events').ifExists().execute();
}
