/** Status changes as AWS's EventBridge events, into the event log and out to webhooks. */
import type { CommandInvocationStatus } from '@bosun/protocol/generated/ssm/types';
import { emitTo, type EventSink } from '../../events/index';
import type { CommandRow, InvocationRow } from './store';
import { STATUS_OF, type InvocationDetail } from './statuses';
import { notifyCommandStatus, notifyInvocationStatus } from './notifications';

const commandArn = (c: CommandRow): string => `arn:aws:ssm:${c.region}:${c.account_id}:command/${c.command_id}`;
const instanceArn = (c: CommandRow, instanceId: string): string => `arn:aws:ssm:${c.region}:${c.account_id}:managed-instance/${instanceId}`;

/** `sink` is the database, or a batch the caller writes in its own transaction. */
export async function emitCommandStatus(sink: EventSink, c: CommandRow): Promise<void> {
  await emitTo(sink, {
    accountId: c.account_id, region: c.region, source: 'aws.ssm',
    detailType: 'EC2 Command Status-change Notification',
    resources: [commandArn(c)],
    // AWS: the detail's members are kebab-case; parameters as the caller gave them.
    detail: {
      'command-id': c.command_id,
      'document-name': c.document_name,
      'expire-after': c.expires_after,
      parameters: JSON.parse(c.parameters),
      'requested-date-time': c.requested_at,
      status: c.status,
      'status-details': c.status_details,
    },
  });
  await notifyCommandStatus(sink, c);
}

export async function emitInvocationStatus(sink: EventSink, c: CommandRow, inv: Pick<InvocationRow, 'instance_id' | 'status_details'>): Promise<void> {
  const status = STATUS_OF[inv.status_details as InvocationDetail] ?? inv.status_details as CommandInvocationStatus;
  await emitTo(sink, {
    accountId: c.account_id, region: c.region, source: 'aws.ssm',
    detailType: 'EC2 Command Invocation Status-change Notification',
    resources: [instanceArn(c, inv.instance_id)],
    detail: {
      'command-id': c.command_id,
      'document-name': c.document_name,
      'instance-id': inv.instance_id,
      'requested-date-time': c.requested_at,
      status,
      'status-details': inv.status_details,
    },
  });
  await notifyInvocationStatus(sink, c, inv.instance_id, status, inv.status_details);
}
