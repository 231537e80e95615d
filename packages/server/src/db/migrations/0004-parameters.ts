import type { Kysely } from 'kysely';

/** Parameter Store (see features/parameters/tables.ts). Text and integer columns only. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('parameters')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_path', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('allowed_pattern', 'text')
    .addColumn('policies', 'text')
    .addColumn('last_modified_date', 'text', (c) => c.notNull())
    .addColumn('last_modified_user', 'text', (c) => c.notNull())
    .addColumn('no_change_notified_at', 'text')
    .addPrimaryKeyConstraint('parameters_pk', ['account_id', 'region', 'name'])
    .execute();
  // One-level listings read by parent path; the scheduler scans only rows with policies.
  await db.schema.createIndex('parameters_parent').on('parameters').columns(['account_id', 'region', 'parent_path', 'name']).execute();
  await db.schema.createIndex('parameters_policies').on('parameters').columns(['policies']).execute();

  await db.schema.createTable('parameter_versions')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('allowed_pattern', 'text')
    .addColumn('policies', 'text')
    .addColumn('last_modified_date', 'text', (c) => c.notNull())
    .addColumn('last_modified_user', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parameter_versions_pk', ['account_id', 'region', 'name', 'version'])
    .execute();

  await db.schema.createTable('parameter_labels')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('parameter_labels_pk', ['account_id', 'region', 'name', 'label'])
    .execute();

  await db.schema.createTable('parameter_tags')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parameter_tags_pk', ['account_id', 'region', 'name', 'tag_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['parameter_tags', 'parameter_labels', 'parameter_versions', 'parameters']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
