import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { revokeNodeSessions, setInstanceRole } from '../../agents/instance-store';
import { instanceEvents } from '../../agents/instance-events';
import { findNodeRole, trustsSsm } from '../../agents/node-role';
import { instanceResource, liveInstance } from './scope';

/** The node acts with another role from now on: a connected node gets its credentials at once. */
async function updateManagedInstanceRole(input: Input<'UpdateManagedInstanceRole'>, ctx: RequestContext): Promise<Output<'UpdateManagedInstanceRole'>> {
  const node = await liveInstance(ctx, input.InstanceId);
  const role = await findNodeRole(ctx.db, ctx.accountId, input.IamRole);
  if (!role || !trustsSsm(role)) {
    throw new AwsError('ValidationException', `Nonexistent role or missing ssm service principal in trust policy: arn:aws:iam::${ctx.accountId}:role/${input.IamRole}`);
  }
  // AWS: handing a role to SSM for the node needs iam:PassRole on it.
  await ctx.checkAccess({ action: 'iam:PassRole', resources: [role.arn], context: { 'iam:PassedToService': 'ssm.amazonaws.com' } });
  await setInstanceRole(ctx.db, node.instance_id, input.IamRole);
  // The old role's credentials must not outlive the change; the hub hands out new ones.
  await revokeNodeSessions(ctx.db, ctx.accountId, node.instance_id);
  instanceEvents.emit('role-changed', node.instance_id);
  return {};
}

export const updateManagedInstanceRoleOperation: OperationDef<Input<'UpdateManagedInstanceRole'>, Output<'UpdateManagedInstanceRole'>> = {
  service: 'ssm',
  name: 'UpdateManagedInstanceRole',
  authorize: async (input, ctx) => ({ resources: [await instanceResource(ctx, input.InstanceId)] }),
  handle: updateManagedInstanceRole,
};
