/** Rows as the API shows them: Command, CommandInvocation and CommandPlugin. */
import type { Command, CommandInvocation, CommandPlugin, CommandPluginStatus } from '@bosun/protocol/generated/ssm/types';
import type { Db } from '../../db/index';
import type { CommandRow, InvocationRow } from './store';
import { STATUS_OF, type InvocationDetail } from './statuses';
import { outputUrl } from './output';
import type { StoredPlugin } from './engine/results';

const date = (iso: string | null): Date | undefined => (iso ? new Date(iso) : undefined);

export function toCommand(c: CommandRow): Command {
  const notification = c.notification_config ? JSON.parse(c.notification_config) : undefined;
  return {
    CommandId: c.command_id,
    DocumentName: c.document_name,
    DocumentVersion: c.document_version,
    Comment: c.comment,
    ExpiresAfter: new Date(c.expires_after),
    Parameters: JSON.parse(c.parameters),
    InstanceIds: JSON.parse(c.instance_ids),
    Targets: JSON.parse(c.targets),
    RequestedDateTime: new Date(c.requested_at),
    Status: c.status as Command['Status'],
    StatusDetails: c.status_details,
    OutputS3Region: c.region,
    OutputS3BucketName: c.output_s3_bucket_name,
    OutputS3KeyPrefix: c.output_s3_key_prefix,
    MaxConcurrency: c.max_concurrency,
    MaxErrors: c.max_errors,
    TargetCount: c.target_count,
    CompletedCount: c.completed_count,
    ErrorCount: c.error_count,
    DeliveryTimedOutCount: c.delivery_timed_out_count,
    ServiceRole: c.service_role,
    ...(notification ? { NotificationConfig: notification } : {}),
    TimeoutSeconds: c.timeout_seconds,
  };
}

/** AWS: a plugin that never ran reports the invocation's state (Pending, Cancelled, Delivery Timed Out…). */
const PLUGIN_STATUS: Record<string, CommandPluginStatus> = { Success: 'Success', Failed: 'Failed', TimedOut: 'TimedOut', Cancelled: 'Cancelled', Skipped: 'Success' };

export function plugins(db: Db, inv: InvocationRow): StoredPlugin[] {
  return JSON.parse(inv.plugins) as StoredPlugin[];
}

function toPlugin(db: Db, c: CommandRow, inv: InvocationRow, p: StoredPlugin): CommandPlugin {
  return {
    Name: p.name,
    Status: PLUGIN_STATUS[p.status] ?? 'Failed',
    StatusDetails: p.status === 'TimedOut' ? 'ExecutionTimedOut' : p.status === 'Skipped' ? 'Success' : p.status,
    ResponseCode: p.responseCode,
    ResponseStartDateTime: date(p.startedAt),
    ResponseFinishDateTime: date(p.finishedAt),
    Output: p.output,
    StandardOutputUrl: outputUrl(db, c, inv.instance_id, 'stdout', p.name),
    StandardErrorUrl: outputUrl(db, c, inv.instance_id, 'stderr', p.name),
    OutputS3Region: c.region,
    OutputS3BucketName: c.output_s3_bucket_name,
    OutputS3KeyPrefix: c.output_s3_key_prefix,
  };
}

export function toInvocation(db: Db, c: CommandRow, inv: InvocationRow, instanceName: string | null, details: boolean): CommandInvocation {
  const status = STATUS_OF[inv.status_details as InvocationDetail] ?? inv.status;
  const stored = plugins(db, inv);
  return {
    CommandId: c.command_id,
    InstanceId: inv.instance_id,
    InstanceName: instanceName ?? '',
    Comment: c.comment,
    DocumentName: c.document_name,
    DocumentVersion: c.document_version,
    RequestedDateTime: new Date(c.requested_at),
    Status: status as CommandInvocation['Status'],
    StatusDetails: inv.status_details,
    TraceOutput: '',
    StandardOutputUrl: outputUrl(db, c, inv.instance_id, 'stdout'),
    StandardErrorUrl: outputUrl(db, c, inv.instance_id, 'stderr'),
    CommandPlugins: details ? stored.map((p) => toPlugin(db, c, inv, p)) : [],
    ServiceRole: c.service_role,
    ...(c.notification_config ? { NotificationConfig: JSON.parse(c.notification_config) } : {}),
  };
}
