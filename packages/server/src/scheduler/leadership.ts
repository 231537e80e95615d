import { sql } from 'kysely';
import { dialectOf, type Db } from '../db/index';

/**
 * The advisory-lock key the schedulers of one Bosun deployment compete for. Advisory locks are
 * database-wide, so the key is derived from the schema: deployments (or test runs) sharing a
 * PostgreSQL database in different schemas each have a leader of their own.
 */
export const schedulerLockKey = sql<string>`hashtextextended('bosun-scheduler:' || current_schema(), 0)`;

/**
 * Holds leadership while `lead(signal)` runs. On PostgreSQL it takes a session-level
 * `pg_try_advisory_lock` on one pooled connection kept for as long as it leads: if this replica
 * dies or its connection drops, PostgreSQL releases the lock and another replica takes over at
 * its next try. Resolves false at once when another replica leads. On SQLite there is one
 * server, which always leads.
 */
export async function tryLead(db: Db, lead: (lost: AbortSignal) => Promise<void>, options: { checkMs: number }): Promise<boolean> {
  if (dialectOf(db) !== 'postgres') {
    await lead(new AbortController().signal);
    return true;
  }
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${schedulerLockKey}) as ok`.execute(conn);
    if (!rows[0]?.ok) return false;
    const lost = new AbortController();
    // Notice a dead session: if this connection fails, the lock is gone too.
    const watch = setInterval(() => {
      sql`select 1`.execute(conn).catch(() => lost.abort());
    }, options.checkMs);
    try {
      await lead(lost.signal);
    } finally {
      clearInterval(watch);
      if (!lost.signal.aborted) {
        await sql`select pg_advisory_unlock(${schedulerLockKey})`.execute(conn).catch(() => undefined);
      }
    }
    return true;
  });
}
