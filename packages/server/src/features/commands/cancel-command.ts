import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { engineOf } from './engine/registry';
import { findCommand, invocationsOf, markCommandCancelling } from './store';

async function cancelCommand(input: Input<'CancelCommand'>, ctx: RequestContext): Promise<Output<'CancelCommand'>> {
  const command = await findCommand(ctx.db, ctx.accountId, ctx.region, input.CommandId);
  if (!command) throw new AwsError('InvalidCommandId', '');
  const invocations = await invocationsOf(ctx.db, command.command_id);
  const ids = input.InstanceIds ?? [];
  if (new Set(ids).size !== ids.length) throw new AwsError('DuplicateInstanceId', 'You cannot specify an instance ID in more than one association.');
  const known = new Set(invocations.map((i) => i.instance_id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new AwsError('InvalidInstanceId', `Instances [[${unknown.join(', ')}]] are not part of command ${command.command_id}`);
  // AWS: without InstanceIds the whole command is cancelled (Cancelling, then Cancelled).
  if (ids.length === 0) await markCommandCancelling(ctx.db, command.command_id);
  const engine = engineOf(ctx.db);
  if (engine) await engine.cancel(command.command_id, ids.length > 0 ? ids : [...known]);
  // AWS: CancelCommand only asks; the outcome shows in the statuses.
  return {};
}

export const cancelCommandOperation: OperationDef<Input<'CancelCommand'>, Output<'CancelCommand'>> = {
  service: 'ssm',
  name: 'CancelCommand',
  handle: cancelCommand,
};
