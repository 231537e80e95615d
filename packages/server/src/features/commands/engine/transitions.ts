/** One invocation changes state: the row, its event, and (when asked) the command's recount. */
import type { Db } from '../../../db/index';
import type { EventBatch } from '../../../events/index';
import { emitCommandStatus, emitInvocationStatus } from '../command-events';
import { refreshCommand, updateInvocation, type CommandRow, type InvocationRow } from '../store';
import { STATUS_OF, type InvocationDetail } from '../statuses';

/** `events`, when given, collects the status-change event for the caller to write with its batch. */
export async function setDetail(db: Db, command: CommandRow, inv: InvocationRow, detail: InvocationDetail, extra: Partial<InvocationRow> = {}, events?: EventBatch): Promise<void> {
  const changed = inv.status_details !== detail;
  const changes: Partial<InvocationRow> = { ...extra, status: STATUS_OF[detail], status_details: detail };
  await updateInvocation(db, command.command_id, inv.instance_id, changes);
  Object.assign(inv, changes);
  if (changed) await emitInvocationStatus(events ?? db, command, inv);
}

/** Recounts the command; emits its status-change event when Status or StatusDetails moved. */
export async function refresh(db: Db, command: CommandRow, events?: EventBatch, details?: InvocationDetail[]): Promise<CommandRow> {
  const { row, changed } = await refreshCommand(db, command, details);
  if (changed) await emitCommandStatus(events ?? db, row);
  return row;
}
