import { sql, type Kysely } from 'kysely';

/**
 * The nodes with Delayed invocations (a send that found the node offline on that replica), for
 * the replica that holds the node's channel to deliver them: a partial index, so only Delayed
 * rows are in it and a fan-out's other status changes never touch it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('command_invocations_delayed').on('command_invocations').column('instance_id')
    .where(sql.ref('status'), '=', 'Delayed').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('command_invocations_delayed').ifExists().execute();
}
