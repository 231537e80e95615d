/** Run Command's SQL: commands, invocations, and the counts the command row keeps. */
import { CompiledQuery } from 'kysely';
import type { Db } from '../../db/index';
import { isPostgres } from '../../audit/raw-insert';
import type { CommandInvocationsTable, CommandsTable } from './tables';
import { commandStatus, countInvocations, TERMINAL, type InvocationDetail } from './statuses';
import { parseLimit } from './limits';

export type CommandRow = CommandsTable;
export type InvocationRow = CommandInvocationsTable;

export async function insertCommand(db: Db, command: CommandRow, invocations: InvocationRow[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('commands').values(command).execute();
    // Large fan-outs: insert in slices so no statement exceeds the drivers' parameter limits.
    for (let i = 0; i < invocations.length; i += 500) {
      await trx.insertInto('command_invocations').values(invocations.slice(i, i + 500)).execute();
    }
  });
}

export async function findCommand(db: Db, accountId: string, region: string, commandId: string): Promise<CommandRow | undefined> {
  return db.selectFrom('commands').selectAll()
    .where('command_id', '=', commandId).where('account_id', '=', accountId).where('region', '=', region).executeTakeFirst();
}

export async function getCommand(db: Db, commandId: string): Promise<CommandRow | undefined> {
  return db.selectFrom('commands').selectAll().where('command_id', '=', commandId).executeTakeFirst();
}

export async function invocationsOf(db: Db, commandId: string): Promise<InvocationRow[]> {
  return db.selectFrom('command_invocations').selectAll().where('command_id', '=', commandId).orderBy('position').execute();
}

/**
 * The invocations not yet finished, in dispatch order: what an engine pass can still act on.
 * Reading only these keeps a pass over a command that is mostly done from costing a read of
 * every invocation (with its stored output) each time a few more results arrive.
 */
export async function openInvocationsOf(db: Db, commandId: string): Promise<InvocationRow[]> {
  return db.selectFrom('command_invocations').selectAll()
    .where('command_id', '=', commandId).where('status_details', 'not in', [...TERMINAL])
    .orderBy('position').execute();
}

/** The invocations not sent yet, in dispatch order; the first `limit` of them when given. */
export async function pendingInvocationsOf(db: Db, commandId: string, limit?: number): Promise<InvocationRow[]> {
  const q = db.selectFrom('command_invocations').selectAll()
    .where('command_id', '=', commandId).where('status_details', '=', 'Pending')
    .orderBy('position');
  return (limit === undefined ? q : q.limit(limit)).execute();
}

/** Some invocations by node, in one query per 500. */
export async function invocationsFor(db: Db, commandId: string, instanceIds: string[]): Promise<InvocationRow[]> {
  const out: InvocationRow[] = [];
  for (let i = 0; i < instanceIds.length; i += 500) {
    out.push(...await db.selectFrom('command_invocations').selectAll()
      .where('command_id', '=', commandId).where('instance_id', 'in', instanceIds.slice(i, i + 500)).execute());
  }
  return out;
}

/** How many invocations of the command are in each StatusDetails, counted by the database. */
export async function detailCounts(db: Db, commandId: string, only?: ReadonlySet<string>): Promise<Map<InvocationDetail, number>> {
  let q = db.selectFrom('command_invocations').select((eb) => ['status_details', eb.fn.countAll<number | string>().as('n')])
    .where('command_id', '=', commandId);
  if (only) q = q.where('status_details', 'in', [...only]);
  const rows = await q.groupBy('status_details').execute();
  return new Map(rows.map((r) => [r.status_details as InvocationDetail, Number(r.n)]));
}

/** The StatusDetails list countInvocations takes, from grouped counts (plus any listed one by one). */
export function expandCounts(counts: Map<InvocationDetail, number>, more: InvocationDetail[] = []): InvocationDetail[] {
  const out: InvocationDetail[] = [];
  for (const [detail, n] of counts) for (let i = 0; i < n; i++) out.push(detail);
  return out.concat(more);
}

export async function findInvocation(db: Db, commandId: string, instanceId: string): Promise<InvocationRow | undefined> {
  return db.selectFrom('command_invocations').selectAll()
    .where('command_id', '=', commandId).where('instance_id', '=', instanceId).executeTakeFirst();
}

/**
 * Plain SQL: the engine updates one row per answer, thousands in a fan-out, and the query
 * builder's compile was most of each update's cost. The text depends only on which columns
 * change, so prepared statements are reused.
 */
export async function updateInvocation(db: Db, commandId: string, instanceId: string, changes: Partial<InvocationRow>): Promise<void> {
  const columns = (Object.keys(changes) as Array<keyof InvocationRow>).filter((c) => changes[c] !== undefined && /^[a-z_]+$/.test(c));
  if (columns.length === 0) return;
  const postgres = isPostgres(db);
  const mark = (i: number): string => (postgres ? `$${i + 1}` : '?');
  const sets = columns.map((c, i) => `"${c}" = ${mark(i)}`).join(', ');
  const text = `update "command_invocations" set ${sets} where "command_id" = ${mark(columns.length)} and "instance_id" = ${mark(columns.length + 1)}`;
  await db.executeQuery(CompiledQuery.raw(text, [...columns.map((c) => changes[c]), commandId, instanceId]));
}

/** Commands with work left (the engine's poll, and its recovery after a restart). */
export async function activeCommandIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('commands').select('command_id')
    .where('status', 'in', ['Pending', 'InProgress', 'Cancelling']).execute();
  return rows.map((r) => r.command_id);
}

/** Invocations waiting for this node: sent or due but not acknowledged, and not finished. */
export async function undeliveredFor(db: Db, instanceId: string): Promise<InvocationRow[]> {
  return db.selectFrom('command_invocations').selectAll()
    .where('instance_id', '=', instanceId).where('acked_at', 'is', null)
    .where('status', 'in', ['InProgress', 'Delayed', 'Cancelling']).execute();
}

/** Nodes with Delayed or Cancelling invocations (the partial index command_invocations_delayed answers it). */
export async function nodesWithDelayed(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('command_invocations').select('instance_id').distinct().where('status', 'in', ['Delayed', 'Cancelling']).execute();
  return rows.map((r) => r.instance_id);
}

/** A node's invocations waiting for its cancel. */
export async function cancellingFor(db: Db, instanceId: string): Promise<InvocationRow[]> {
  return db.selectFrom('command_invocations').selectAll().where('instance_id', '=', instanceId).where('status', '=', 'Cancelling').execute();
}

/**
 * Recounts the command from its invocations and stores counts and status. Returns the new
 * status when it changed (for the status-change event). `known`, when the caller has just
 * read them in the same transaction, saves counting again.
 */
export async function refreshCommand(db: Db, command: CommandRow, known?: InvocationDetail[]): Promise<{ row: CommandRow; changed: boolean }> {
  const counts = countInvocations(known ?? expandCounts(await detailCounts(db, command.command_id)));
  const maxErrors = parseLimit(command.max_errors, counts.total, 'errors');
  const cancelRequested = command.status === 'Cancelling' || command.status === 'Cancelled';
  const { status, details } = commandStatus(counts, maxErrors, cancelRequested);
  const next: CommandRow = {
    ...command,
    status,
    status_details: details,
    target_count: counts.total,
    completed_count: counts.terminal,
    error_count: counts.errors,
    delivery_timed_out_count: counts.deliveryTimedOut,
  };
  const changed = next.status !== command.status || next.status_details !== command.status_details;
  if (changed || next.completed_count !== command.completed_count || next.error_count !== command.error_count
    || next.delivery_timed_out_count !== command.delivery_timed_out_count) {
    await db.updateTable('commands').set({
      status, status_details: details, target_count: counts.total, completed_count: counts.terminal,
      error_count: counts.errors, delivery_timed_out_count: counts.deliveryTimedOut,
    }).where('command_id', '=', command.command_id).execute();
  }
  return { row: next, changed };
}

export async function markCommandCancelling(db: Db, commandId: string): Promise<void> {
  await db.updateTable('commands').set({ status: 'Cancelling', status_details: 'Cancelling' })
    .where('command_id', '=', commandId).where('status', 'in', ['Pending', 'InProgress']).execute();
}
