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

/** `sql` may be a transaction on the server's database (the engine batches a pass in one). */
export async function deliver(server: ServerContext, hub: AgentHub, command: CommandRow, snapshot: DocumentSnapshot, inv: InvocationRow, sql: Db = server.db): Promise<void> {
  const now = new Date().toISOString();
  let steps;
  try {
    steps = await resolveSsmReferences(server, inv.instance_id, command.region, snapshot.steps);
  } catch (err) {
    // The node's role could not read a {{ssm:…}} parameter: the invocation fails, and says why.
    const message = err instanceof Error ? err.message : String(err);
    await appendOutput(server.db, command.command_id, inv.instance_id, 'stderr', `failed to resolve {{ssm:...}} parameters: ${message}\n`);
    await setDetail(sql, command, inv, 'Failed', { finished_at: now, response_code: -1 });
    return;
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
  if (sent) await setDetail(sql, command, inv, 'InProgress', { sent_at: now });
  else if (inv.status_details !== 'Delayed') await setDetail(sql, command, inv, 'Delayed');
}
