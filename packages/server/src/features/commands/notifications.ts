/**
 * SendCommand's NotificationConfig. AWS publishes Run Command status changes to an SNS topic;
 * Bosun has no SNS, so each notification becomes an event in the event log ("Run Command
 * Notification", source aws.ssm) whose detail is the message AWS would publish plus the topic
 * ARN. A webhook subscription selects them by that ARN, e.g.
 * `{"detail-type": ["Run Command Notification"], "detail": {"notificationArn": ["arn:aws:sns:…"]}}`.
 */
import type { CommandInvocationStatus, CommandStatus, NotificationConfig } from '@bosun/protocol/generated/ssm/types';
import { emitTo, type EventSink } from '../../events/index';
import type { CommandRow } from './store';

export const NOTIFICATION_DETAIL_TYPE = 'Run Command Notification';

type NotificationType = 'Command' | 'Invocation';

/** The stored config, when the command asked for notifications at all. */
export function notificationConfigOf(command: Pick<CommandRow, 'notification_config'>): NotificationConfig | undefined {
  if (!command.notification_config) return undefined;
  const config = JSON.parse(command.notification_config) as NotificationConfig;
  return config.NotificationArn ? config : undefined;
}

/**
 * Whether a status change of this kind is one the caller asked for. NotificationType defaults
 * to Command and NotificationEvents to All (the console's defaults).
 */
export function wantsNotification(config: NotificationConfig, type: NotificationType, status: CommandStatus | CommandInvocationStatus): boolean {
  if ((config.NotificationType ?? 'Command') !== type) return false;
  // AWS: notifications report changes; the initial Pending is not one.
  if (status === 'Pending') return false;
  const events = config.NotificationEvents?.length ? config.NotificationEvents : ['All'];
  return events.includes('All') || (events as string[]).includes(status);
}

/** AWS's "command summary" message, when the config asks for it. */
export async function notifyCommandStatus(sink: EventSink, c: CommandRow): Promise<void> {
  const config = notificationConfigOf(c);
  if (!config || !wantsNotification(config, 'Command', c.status as CommandStatus)) return;
  await emitNotification(sink, c, config, {
    commandId: c.command_id,
    documentName: c.document_name,
    // AWS: the InstanceIds as given; empty when the command named its targets by tag.
    instanceIds: JSON.parse(c.instance_ids) as string[],
    requestedDateTime: c.requested_at,
    expiresAfter: c.expires_after,
    outputS3BucketName: c.output_s3_bucket_name,
    outputS3KeyPrefix: c.output_s3_key_prefix,
    status: c.status,
    eventTime: new Date().toISOString(),
  });
}

/** AWS's per-node "invocation" message, when the config asks for it. */
export async function notifyInvocationStatus(sink: EventSink, c: CommandRow, instanceId: string, status: CommandInvocationStatus, statusDetails: string): Promise<void> {
  const config = notificationConfigOf(c);
  if (!config || !wantsNotification(config, 'Invocation', status)) return;
  await emitNotification(sink, c, config, {
    commandId: c.command_id,
    documentName: c.document_name,
    instanceId,
    requestedDateTime: c.requested_at,
    expiresAfter: c.expires_after,
    status,
    // Bosun adds why (AWS's message carries only the coarse status).
    statusDetails,
    eventTime: new Date().toISOString(),
  });
}

async function emitNotification(sink: EventSink, c: CommandRow, config: NotificationConfig, message: Record<string, unknown>): Promise<void> {
  await emitTo(sink, {
    accountId: c.account_id, region: c.region, source: 'aws.ssm',
    detailType: NOTIFICATION_DETAIL_TYPE,
    resources: [config.NotificationArn!],
    detail: { ...message, notificationArn: config.NotificationArn, notificationType: config.NotificationType ?? 'Command' },
  });
}
