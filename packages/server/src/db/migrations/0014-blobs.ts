import type { Kysely } from 'kysely';

/**
 * Blobs in the database (blobs/database-store.ts), used on PostgreSQL so every replica reads what
 * any replica wrote (command output, session recordings): one row per append, in order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('blob_chunks')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('chunk', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blob_chunks_pk', ['key', 'chunk'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('blob_chunks').execute();
}
