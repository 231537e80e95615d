import { sql, type Kysely } from 'kysely';

/**
 * The nodes with Delayed invocations (a send that found the node offline on that replica) or
 * Cancelling ones (a cancel asked through a replica the node is not connected to), for the
 * replica that holds the node's channel to send them or their cancel: a partial index, so only
 * those rows are in it and a fan-out's other status changes never touch it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('command_invocations_delayed').on('command_invocations').column('instance_id')
    .where(sql.ref('status'), 'in', [sql.lit('Delayed'), sql.lit('Cancelling')]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('command_invocations_delayed').ifExists().execute();
}
