import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { relayOf } from '../../sessions/index';
import { nodeAuthorization, nodeOf } from './start-session';

/**
 * AWS: whether the node is ready for Session Manager connections: `connected` when its agent's
 * channel is up (on this replica or, on PostgreSQL, another that can relay it), else
 * `notconnected` — also for a node that does not exist or is deregistered (no error).
 */
async function getConnectionStatus(input: Input<'GetConnectionStatus'>, ctx: RequestContext): Promise<Output<'GetConnectionStatus'>> {
  const node = await nodeOf(ctx, input.Target);
  const relay = relayOf(ctx.db)?.relay;
  const connected = !!node && !!relay?.relayFor({ instance_id: node.instanceId, channel_url: node.channelUrl, online: node.online });
  return { Target: input.Target, Status: connected ? 'connected' : 'notconnected' };
}

export const getConnectionStatusOperation: OperationDef<Input<'GetConnectionStatus'>, Output<'GetConnectionStatus'>> = {
  service: 'ssm',
  name: 'GetConnectionStatus',
  // AWS: on the node, with its tags, like StartSession.
  authorize: (input, ctx) => nodeAuthorization(ctx, input.Target),
  handle: getConnectionStatus,
};
