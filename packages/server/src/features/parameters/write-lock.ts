import { sql, type Transaction } from 'kysely';
import { dialectOf, type Database, type Db } from '../../db/index';
import type { Scope } from './store';

/**
 * Runs `work` in one transaction that owns the parameter's row: on PostgreSQL the row is locked
 * (SELECT … FOR UPDATE), on SQLite a no-op write first takes the database's write lock, so the
 * snapshot read after it is current. Two writers of one name therefore take turns, and the
 * version bump can never hand out a number twice. On PostgreSQL an advisory lock on the name
 * comes first, so even the first writes of a new name take turns; a create that still meets
 * the primary key is retried.
 */
export async function withParameterLock<T>(
  db: Db,
  scope: Scope,
  name: string,
  work: (trx: Transaction<Database>, locked: boolean) => Promise<T>,
): Promise<T> {
  const postgres = dialectOf(db) === 'postgres';
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const byName = trx.selectFrom('parameters').select('version')
          .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name);
        if (postgres) {
          // FOR UPDATE locks nothing while the row does not exist yet, so concurrent first writes
          // would each read "no row", then see one another's commit mid-transaction and deadlock.
          // A transaction-scoped advisory lock on the name serialises them; once it is held, any
          // earlier writer has committed and the row lock below sees the current row. Advisory locks
          // are database-wide: the schema is part of the key, so deployments sharing one database
          // in different schemas do not make each other's writers of a name wait.
          await sql`select pg_advisory_xact_lock(hashtextextended(current_schema() || ${`:parameter:${scope.accountId}:${scope.region}:${name}`}, 0))`.execute(trx);
          const row = await byName.forUpdate().executeTakeFirst();
          return work(trx, !!row);
        }
        await trx.updateTable('parameters').set((eb) => ({ version: eb.ref('version') }))
          .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
          .execute();
        return work(trx, true);
      });
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
