/** Run Command's SQL: commands, invocations, and the counts the command row keeps. */
import type { Db } from '../../db/index';
import type { CommandInvocationsTable, CommandsTable } from './tables';
import { commandStatus, countInvocations, type InvocationDetail } from './statuses';
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

export async function findInvocation(db: Db, commandId: string, instanceId: string): Promise<InvocationRow | undefined> {
  return db.selectFrom('command_invocations').selectAll()
    .where('command_id', '=', commandId).where('instance_id', '=', instanceId).executeTakeFirst();
}

export async function updateInvocation(db: Db, commandId: string, instanceId: string, changes: Partial<InvocationRow>): Promise<void> {
  await db.updateTable('command_invocations').set(changes)
    .where('command_id', '=', commandId).where('instance_id', '=', instanceId).execute();
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

/**
 * Recounts the command from its invocations and stores counts and status. Returns the new
 * status when it changed (for the status-change event).
 */
export async function refreshCommand(db: Db, command: CommandRow): Promise<{ row: CommandRow; changed: boolean }> {
  const invocations = await db.selectFrom('command_invocations').select('status_details').where('command_id', '=', command.command_id).execute();
  const counts = countInvocations(invocations.map((i) => i.status_details as InvocationDetail));
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
