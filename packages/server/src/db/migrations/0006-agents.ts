import type { Kysely } from 'kysely';

/** Activations, managed nodes and their tags (see agents/tables.ts). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('activations')
    .addColumn('activation_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('default_instance_name', 'text')
    .addColumn('iam_role', 'text', (c) => c.notNull())
    .addColumn('registration_limit', 'integer', (c) => c.notNull())
    .addColumn('registrations_count', 'integer', (c) => c.notNull())
    .addColumn('expiration_date', 'text', (c) => c.notNull())
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activations_account').on('activations').columns(['account_id', 'region', 'activation_id']).execute();

  await db.schema.createTable('managed_instances')
    .addColumn('instance_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('activation_id', 'text', (c) => c.notNull())
    .addColumn('iam_role', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('registration_date', 'text', (c) => c.notNull())
    .addColumn('ping_status', 'text', (c) => c.notNull())
    .addColumn('last_ping_at', 'text')
    .addColumn('platform_type', 'text')
    .addColumn('platform_name', 'text')
    .addColumn('platform_version', 'text')
    .addColumn('ip_address', 'text')
    .addColumn('computer_name', 'text')
    .addColumn('agent_version', 'text')
    .addColumn('deregistered_at', 'text')
    .execute();
  await db.schema.createIndex('managed_instances_account').on('managed_instances').columns(['account_id', 'region', 'instance_id']).execute();
  // The presence sweeper looks for Online nodes whose last heartbeat is old.
  await db.schema.createIndex('managed_instances_ping').on('managed_instances').columns(['ping_status', 'last_ping_at']).execute();

  await db.schema.createTable('managed_instance_tags')
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('managed_instance_tags_pk', ['instance_id', 'tag_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['managed_instance_tags', 'managed_instances', 'activations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
