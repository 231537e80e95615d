import type { Transaction } from 'kysely';
import { dialectOf, type Database, type Db } from '../../db/index';
import type { Scope } from './store';

/**
 * Runs `work` in one transaction that owns the parameter's row: on PostgreSQL the row is locked
 * (SELECT … FOR UPDATE), on SQLite a no-op write first takes the database's write lock, so the
 * snapshot read after it is current. Two writers of one name therefore take turns, and the
 * version bump can never hand out a number twice. A create that races another create on
 * PostgreSQL hits the primary key; it is retried and then sees the winner's row.
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
