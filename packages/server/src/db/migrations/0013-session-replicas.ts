import type { Kysely } from 'kysely';

/**
 * Sessions across replicas (PostgreSQL): which replica holds each node's channel
 * (`managed_instances.channel_url`), which replica relays each session (`sessions.relay_url`),
 * and a session started through another replica waiting for its relay to open it
 * (`sessions.start_message`, the session_start message without its agent token).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('managed_instances').addColumn('channel_url', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('relay_url', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('start_message', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('start_message').execute();
  await db.schema.alterTable('sessions').dropColumn('relay_url').execute();
  await db.schema.alterTable('managed_instances').dropColumn('channel_url').execute();
}
