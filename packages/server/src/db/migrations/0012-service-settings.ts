import type { Kysely } from 'kysely';

/** Service settings an account changed from their defaults (see features/service-settings/tables.ts). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('service_settings')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('setting_id', 'text', (c) => c.notNull())
    .addColumn('setting_value', 'text', (c) => c.notNull())
    .addColumn('last_modified_date', 'text', (c) => c.notNull())
    .addColumn('last_modified_user', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_settings_pk', ['account_id', 'region', 'setting_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_settings').execute();
}
