import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { managedInstanceArn } from '../../agents/ids';
import { STDERR_CONTENT_CHARS, STDOUT_CONTENT_CHARS } from './limits';
import { outputUrl, readOutput } from './output';
import { STATUS_OF, type InvocationDetail } from './statuses';
import { findCommand, findInvocation } from './store';
import { plugins } from './views';

const notFound = () => new AwsError('InvocationDoesNotExist', '');

/** ISO-8601 duration as AWS prints ExecutionElapsedTime, e.g. PT0.512S. */
const elapsed = (from: string, to: string): string => `PT${Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000)}S`;

async function getCommandInvocation(input: Input<'GetCommandInvocation'>, ctx: RequestContext): Promise<Output<'GetCommandInvocation'>> {
  // AWS: an unknown command or node (e.g. asked right after SendCommand elsewhere) is InvocationDoesNotExist.
  const command = await findCommand(ctx.db, ctx.accountId, ctx.region, input.CommandId);
  const inv = command && await findInvocation(ctx.db, input.CommandId, input.InstanceId);
  if (!command || !inv) throw notFound();
  const stored = plugins(ctx.db, inv);
  const plugin = input.PluginName === undefined ? undefined : stored.find((p) => p.name === input.PluginName);
  if (input.PluginName !== undefined && !plugin) {
    // Before the node answers, plugins are unknown: AWS accepts the document's step names then.
    const snapshot = JSON.parse(command.document_snapshot) as { steps: Array<{ name: string }> };
    if (!snapshot.steps.some((s) => s.name === input.PluginName)) throw new AwsError('InvalidPluginName', '');
  }
  const step = input.PluginName;
  const start = plugin?.startedAt ?? inv.started_at ?? '';
  const end = plugin?.finishedAt ?? inv.finished_at ?? '';
  const detail = plugin
    ? (plugin.status === 'TimedOut' ? 'ExecutionTimedOut' : plugin.status === 'Skipped' ? 'Success' : plugin.status)
    : inv.status_details;
  return {
    CommandId: command.command_id,
    InstanceId: inv.instance_id,
    Comment: command.comment,
    DocumentName: command.document_name,
    DocumentVersion: command.document_version,
    PluginName: step ?? stored[0]?.name ?? '',
    ResponseCode: plugin ? plugin.responseCode : inv.response_code,
    ExecutionStartDateTime: start,
    ExecutionElapsedTime: start && end ? elapsed(start, end) : '',
    ExecutionEndDateTime: end,
    Status: STATUS_OF[detail as InvocationDetail] ?? (inv.status as Output<'GetCommandInvocation'>['Status']),
    StatusDetails: detail,
    // AWS: the first 24,000 characters of stdout and 8,000 of stderr; the rest behind the URLs.
    StandardOutputContent: await readOutput(ctx.db, command, inv.instance_id, 'stdout', STDOUT_CONTENT_CHARS, step),
    StandardOutputUrl: outputUrl(ctx.db, command, inv.instance_id, 'stdout', step),
    StandardErrorContent: await readOutput(ctx.db, command, inv.instance_id, 'stderr', STDERR_CONTENT_CHARS, step),
    StandardErrorUrl: outputUrl(ctx.db, command, inv.instance_id, 'stderr', step),
  };
}

export const getCommandInvocationOperation: OperationDef<Input<'GetCommandInvocation'>, Output<'GetCommandInvocation'>> = {
  service: 'ssm',
  name: 'GetCommandInvocation',
  authorize(input, ctx) {
    return { resources: [managedInstanceArn(ctx.region, ctx.accountId, input.InstanceId)] };
  },
  handle: getCommandInvocation,
};
