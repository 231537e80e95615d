import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { markDeregistered, revokeNodeSessions } from '../../agents/instance-store';
import { instanceEvents } from '../../agents/instance-events';
import { instanceResource, liveInstance } from './scope';

/**
 * AWS: the node stays listed as Inactive; it can never connect again and must register anew
 * with another activation. Its open channel is closed at once.
 */
async function deregisterManagedInstance(input: Input<'DeregisterManagedInstance'>, ctx: RequestContext): Promise<Output<'DeregisterManagedInstance'>> {
  const node = await liveInstance(ctx, input.InstanceId);
  await markDeregistered(ctx.db, node.instance_id, ctx.now);
  await revokeNodeSessions(ctx.db, ctx.accountId, node.instance_id);
  instanceEvents.emit('deregistered', node.instance_id);
  return {};
}

export const deregisterManagedInstanceOperation: OperationDef<Input<'DeregisterManagedInstance'>, Output<'DeregisterManagedInstance'>> = {
  service: 'ssm',
  name: 'DeregisterManagedInstance',
  authorize: async (input, ctx) => ({ resources: [await instanceResource(ctx, input.InstanceId)] }),
  handle: deregisterManagedInstance,
};
