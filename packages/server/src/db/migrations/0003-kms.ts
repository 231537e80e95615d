import type { Kysely } from 'kysely';

/** The key service (see kms/tables.ts). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('kms_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('key_usage', 'text', (c) => c.notNull())
    .addColumn('key_spec', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('key_manager', 'text', (c) => c.notNull())
    .addColumn('key_state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deletion_date', 'text')
    .addColumn('pending_window_days', 'integer')
    .addColumn('rotation_enabled', 'integer', (c) => c.notNull())
    .addColumn('rotation_period_days', 'integer')
    .addColumn('next_rotation_at', 'text')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .execute();
  // ListKeys pages one account and region in key-id order.
  await db.schema.createIndex('kms_keys_account').on('kms_keys').columns(['account_id', 'region', 'key_id']).execute();

  await db.schema.createTable('kms_key_versions')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sealed_material', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('rotation_type', 'text')
    .addPrimaryKeyConstraint('kms_key_versions_pk', ['key_id', 'version'])
    .execute();

  await db.schema.createTable('kms_aliases')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('alias_name', 'text', (c) => c.notNull())
    .addColumn('alias_arn', 'text', (c) => c.notNull())
    .addColumn('target_key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kms_aliases_pk', ['account_id', 'region', 'alias_name'])
    .execute();
  await db.schema.createIndex('kms_aliases_target').on('kms_aliases').columns(['target_key_id']).execute();

  await db.schema.createTable('kms_key_tags')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kms_key_tags_pk', ['key_id', 'tag_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['kms_key_tags', 'kms_aliases', 'kms_key_versions', 'kms_keys']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
