import type { Kysely } from 'kysely';

/** SSM documents (see features/documents/tables.ts). Text and integer columns only. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('documents')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('display_name', 'text')
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('default_version', 'integer', (c) => c.notNull())
    .addColumn('last_issued_version', 'integer', (c) => c.notNull())
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('documents_pk', ['account_id', 'region', 'name'])
    .execute();

  await db.schema.createTable('document_versions')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('version_name', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('document_format', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('canonical_hash', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('platform_types', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_versions_pk', ['account_id', 'region', 'name', 'version'])
    .execute();

  await db.schema.createTable('document_permissions')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shared_with', 'text', (c) => c.notNull())
    .addColumn('shared_version', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_permissions_pk', ['account_id', 'region', 'name', 'shared_with'])
    .execute();
  // "Shared with me" listings look documents up by the account they are shared with.
  await db.schema.createIndex('document_permissions_shared_with').on('document_permissions').columns(['shared_with', 'region']).execute();

  await db.schema.createTable('document_tags')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_tags_pk', ['account_id', 'region', 'name', 'tag_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['document_tags', 'document_permissions', 'document_versions', 'documents']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
