/** Session Manager's SQL: one row per session. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/index';
import type { SessionsTable } from './tables';
import { ACTIVE_STATUSES } from './statuses';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Db, sessionId: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

export async function findScopedSession(db: Db, accountId: string, region: string, sessionId: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('session_id', '=', sessionId)
    .where('account_id', '=', accountId).where('region', '=', region).executeTakeFirst();
}

export async function updateSession(db: Db, sessionId: string, changes: Partial<SessionRow>): Promise<void> {
  await db.updateTable('sessions').set(changes).where('session_id', '=', sessionId).execute();
}

/**
 * Ends a session once: only a row not yet ended changes, so two ends racing (an exit and a
 * TerminateSession) record one. Returns the row as it was before, when this call ended it.
 */
export async function endSession(db: Db, sessionId: string, changes: Pick<SessionRow, 'status' | 'details' | 'end_date' | 'exit_code'>): Promise<boolean> {
  const result = await db.updateTable('sessions')
    .set({ ...changes, client_token_hash: null, client_token_expires: null, agent_token_hash: null })
    .where('session_id', '=', sessionId).where('status', 'in', ACTIVE_STATUSES).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Sessions that were live when this server stopped: a restart cannot keep their sockets. With
 * `relayUrl` given (replicas sharing PostgreSQL), only the sessions that replica relayed and those
 * that name no relay; with null, only the latter.
 */
export async function liveSessionIds(db: Db, relayUrl?: string | null): Promise<string[]> {
  let query = db.selectFrom('sessions').select('session_id').where('status', 'in', ACTIVE_STATUSES);
  if (relayUrl !== undefined) {
    query = query.where((eb) => (relayUrl === null ? eb('relay_url', 'is', null) : eb.or([eb('relay_url', 'is', null), eb('relay_url', '=', relayUrl)])));
  }
  const rows = await query.execute();
  return rows.map((r) => r.session_id);
}
