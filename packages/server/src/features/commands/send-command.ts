import crypto from 'node:crypto';
import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { documentArn, prepareDocument } from './document-port';
import { DEFAULT_DELIVERY_TIMEOUT_SECONDS, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_ERRORS, parseLimit } from './limits';
import { insertCommand, type CommandRow, type InvocationRow } from './store';
import { nodeResources, resolveTargets, type TargetNode } from './targets';
import { toCommand } from './views';
import { emitCommandStatus } from './command-events';
import { engineOf } from './engine/registry';
import type { DocumentSnapshot } from './engine/snapshot';

type SendInput = Input<'SendCommand'>;

// The nodes are resolved once per call: authorize needs them for IAM, handle for the rows.
const resolved = new WeakMap<object, Promise<TargetNode[]>>();
const nodesOf = (input: SendInput, ctx: RequestContext): Promise<TargetNode[]> => {
  let found = resolved.get(input);
  if (!found) { found = resolveTargets(ctx, input.InstanceIds, input.Targets); resolved.set(input, found); }
  return found;
};

async function sendCommand(input: SendInput, ctx: RequestContext): Promise<Output<'SendCommand'>> {
  const nodes = await nodesOf(input, ctx);
  const doc = await prepareDocument(ctx, input.DocumentName, input.DocumentVersion, input.Parameters);
  const total = nodes.length;
  const maxConcurrency = input.MaxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  const maxErrors = input.MaxErrors ?? DEFAULT_MAX_ERRORS;
  parseLimit(maxConcurrency, total, 'concurrency');
  parseLimit(maxErrors, total, 'errors');
  const timeoutSeconds = input.TimeoutSeconds ?? DEFAULT_DELIVERY_TIMEOUT_SECONDS;
  const now = ctx.now;
  const snapshot: DocumentSnapshot = { arn: doc.arn, platformTypes: doc.platformTypes, steps: doc.steps };
  const command: CommandRow = {
    command_id: crypto.randomUUID(),
    account_id: ctx.accountId,
    region: ctx.region,
    document_name: doc.name,
    document_version: doc.documentVersion,
    document_snapshot: JSON.stringify(snapshot),
    comment: input.Comment ?? '',
    parameters: JSON.stringify(input.Parameters ?? {}),
    instance_ids: JSON.stringify(input.InstanceIds ?? []),
    targets: JSON.stringify(input.Targets ?? []),
    requested_at: now.toISOString(),
    // AWS: ExpiresAfter is when undelivered invocations become DeliveryTimedOut.
    expires_after: new Date(now.getTime() + timeoutSeconds * 1000).toISOString(),
    timeout_seconds: timeoutSeconds,
    max_concurrency: maxConcurrency,
    max_errors: maxErrors,
    status: total === 0 ? 'Success' : 'Pending',
    // AWS: a tag that matches no node ends the command at once.
    status_details: total === 0 ? 'NoInstancesInTag' : 'Pending',
    target_count: total,
    completed_count: 0,
    error_count: 0,
    delivery_timed_out_count: 0,
    // AWS names S3; Bosun keeps all output in its blob store and echoes these back.
    output_s3_bucket_name: input.OutputS3BucketName ?? '',
    output_s3_key_prefix: input.OutputS3KeyPrefix ?? '',
    notification_config: input.NotificationConfig ? JSON.stringify(input.NotificationConfig) : '',
    service_role: input.ServiceRoleArn ?? '',
    requester_arn: ctx.principal.arn,
  };
  const invocations: InvocationRow[] = nodes.map((n, position) => ({
    command_id: command.command_id, instance_id: n.instanceId, account_id: ctx.accountId, region: ctx.region, position,
    status: 'Pending', status_details: 'Pending', sent_at: null, acked_at: null, started_at: null, finished_at: null,
    response_code: -1, plugins: '[]',
  }));
  await insertCommand(ctx.db, command, invocations);
  await emitCommandStatus(ctx.db, command);
  engineOf(ctx.db)?.wake(command.command_id);
  return { Command: toCommand(command) };
}

export const sendCommandOperation: OperationDef<SendInput, Output<'SendCommand'>> = {
  service: 'ssm',
  name: 'SendCommand',
  // AWS: ssm:SendCommand is checked on the document AND on every target node (with its tags).
  async authorize(input, ctx) {
    const arn = await documentArn(ctx, input.DocumentName, input.DocumentVersion);
    return { resources: [arn, ...nodeResources(ctx, await nodesOf(input, ctx))] };
  },
  handle: sendCommand,
};

