/**
 * Sends one invocation to its node as a `run-command` job. A node that is not connected here
 * leaves the invocation Delayed (AWS: "the system will try to send the command again"): the
 * engine sends it when the node connects, until the delivery timeout.
 */
import { RUN_COMMAND_JOB, type RunCommandJob } from '@bosun/protocol/agent/run-command';
import type { ServerContext } from '../../../operations/dispatch';
import type { Db } from '../../../db/index';
import type { AgentHub } from '../../../agents/index';
import type { CommandRow, InvocationRow } from '../store';
import { appendOutput } from '../output';
import { resolveSsmReferences } from './ssm-references';
import { jobIdOf, type DocumentSnapshot } from './snapshot';
import { setDetail } from './transitions';
import { emitInvocationStatus } from '../command-events';
import { EventBatch } from '../../../events/index';
import { ineligibleNodes } from './eligibility';

type Outcome = 'sent' | 'offline' | { failed: string };

/** Builds the node's job (its {{ssm:…}} read with its role) and sends it if the node is connected here. */
async function sendJob(server: ServerContext, hub: AgentHub, command: CommandRow, snapshot: DocumentSnapshot, inv: InvocationRow): Promise<Outcome> {
  let steps;
  try {
    steps = await resolveSsmReferences(server, inv.instance_id, command.region, snapshot.steps);
  } catch (err) {
    return { failed: err instanceof Error ? err.message : String(err) };
  }
  const job: RunCommandJob = {
    commandId: command.command_id,
    instanceId: inv.instance_id,
    documentName: command.document_name,
    documentVersion: command.document_version,
    steps,
    // AWS: the agent sets these for every step.
    environment: {
      AWS_SSM_INSTANCE_ID: inv.instance_id,
      AWS_SSM_REGION_NAME: command.region,
    },
  };
  const sent = hub.send(inv.instance_id, { type: 'job', jobId: jobIdOf(command.command_id, inv.instance_id), kind: RUN_COMMAND_JOB, payload: job });
  return sent ? 'sent' : 'offline';
}

/**
 * Sends each invocation's job; those sent become InProgress in one write. `sql` may be a
 * transaction on the server's database (the engine runs a pass in one).
 */
export async function deliverAll(server: ServerContext, hub: AgentHub, command: CommandRow, snapshot: DocumentSnapshot, invs: InvocationRow[], sql: Db = server.db): Promise<void> {
  const now = new Date().toISOString();
  const sent: InvocationRow[] = [];
  // Every status change of the window is written in one go at the end.
  const events = new EventBatch();
  const ineligible = await ineligibleNodes(sql, snapshot, invs.map((i) => i.instance_id));
  for (const inv of invs) {
    const reason = ineligible.get(inv.instance_id);
    // AWS: decided before delivery; the node never gets the job.
    if (reason) { await setDetail(sql, command, inv, reason, { finished_at: now }, events); continue; }
    const outcome = await sendJob(server, hub, command, snapshot, inv);
    if (outcome === 'sent') sent.push(inv);
    else if (outcome === 'offline') { if (inv.status_details !== 'Delayed') await setDetail(sql, command, inv, 'Delayed', {}, events); }
    else {
      // The node's role could not read a {{ssm:…}} parameter: the invocation fails, and says why.
      await appendOutput(server.db, command.command_id, inv.instance_id, 'stderr', `failed to resolve {{ssm:...}} parameters: ${outcome.failed}\n`);
      await setDetail(sql, command, inv, 'Failed', { finished_at: now, response_code: -1 }, events);
    }
  }
  const changes = { status: 'InProgress', status_details: 'InProgress', sent_at: now };
  for (let i = 0; i < sent.length; i += 500) {
    await sql.updateTable('command_invocations').set(changes).where('command_id', '=', command.command_id)
      .where('instance_id', 'in', sent.slice(i, i + 500).map((x) => x.instance_id)).execute();
  }
  for (const inv of sent) {
    const changed = inv.status_details !== 'InProgress';
    Object.assign(inv, changes);
    if (changed) await emitInvocationStatus(events, command, inv);
  }
  await events.flush(sql);
}

export async function deliver(server: ServerContext, hub: AgentHub, command: CommandRow, snapshot: DocumentSnapshot, inv: InvocationRow, sql: Db = server.db): Promise<void> {
  await deliverAll(server, hub, command, snapshot, [inv], sql);
}
