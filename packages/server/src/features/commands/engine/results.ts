/** What nodes answer: acknowledgement, live output, the result. */
import type { JobResultMessage } from '@bosun/protocol/agent/messages';
import type { RunCommandResult, RunCommandStepResult } from '@bosun/protocol/agent/run-command';
import type { Db } from '../../../db/index';
import type { EventBatch } from '../../../events/index';
import { pluginOutput } from '../output';
import { TERMINAL, type InvocationDetail } from '../statuses';
import type { CommandRow, InvocationRow } from '../store';
import { setDetail } from './transitions';

export interface StoredPlugin extends RunCommandStepResult {
  output: string;
}

const DETAIL_OF_RESULT: Record<RunCommandResult['status'], InvocationDetail> = {
  Success: 'Success',
  Failed: 'Failed',
  // AWS: a run past its executionTimeout is TimedOut / ExecutionTimedOut.
  TimedOut: 'ExecutionTimedOut',
  Cancelled: 'Cancelled',
};

export const isTerminal = (inv: InvocationRow): boolean => TERMINAL.has(inv.status_details as InvocationDetail);

export async function recordAck(db: Db, command: CommandRow, inv: InvocationRow, events?: EventBatch): Promise<void> {
  if (isTerminal(inv) || inv.acked_at) return;
  const now = new Date().toISOString();
  const detail = inv.status_details === 'Cancelling' ? 'Cancelling' : 'InProgress';
  await setDetail(db, command, inv, detail, { acked_at: now, started_at: inv.started_at ?? now, sent_at: inv.sent_at ?? now }, events);
}

/**
 * Stores the result; false when the invocation had already ended (a duplicate or late answer).
 * `db` finds the blob store; `sql` may be a transaction on it; `events` collects the event.
 */
export async function recordResult(db: Db, command: CommandRow, inv: InvocationRow, message: JobResultMessage, sql: Db = db, events?: EventBatch): Promise<boolean> {
  if (isTerminal(inv)) return false;
  const result = message.result as RunCommandResult | null;
  const steps = result?.steps ?? [];
  let detail: InvocationDetail;
  if (message.error) detail = message.error.code === 'Cancelled' ? 'Cancelled' : 'Failed';
  else detail = result ? DETAIL_OF_RESULT[result.status] ?? 'Failed' : 'Failed';
  const plugins: StoredPlugin[] = [];
  for (const s of steps) {
    plugins.push({ ...s, output: await pluginOutput(db, command, inv.instance_id, s.name) });
  }
  const ran = steps.filter((s) => s.status !== 'Skipped');
  const now = new Date().toISOString();
  await setDetail(sql, command, inv, detail, {
    plugins: JSON.stringify(plugins),
    // AWS: the invocation's ResponseCode is the last plugin's that ran.
    response_code: ran.length > 0 ? ran[ran.length - 1].responseCode : -1,
    started_at: steps[0]?.startedAt ?? inv.started_at ?? now,
    finished_at: steps[steps.length - 1]?.finishedAt ?? now,
    acked_at: inv.acked_at ?? now,
  }, events);
  return true;
}
