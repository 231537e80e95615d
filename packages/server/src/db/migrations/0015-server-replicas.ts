import type { Kysely } from 'kysely';

/**
 * The server replicas sharing a PostgreSQL database, by advertise URL, and when each last said
 * it was alive: sessions relayed by a replica that went silent are ended by the others.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('server_replicas')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('server_replicas').execute();
}
