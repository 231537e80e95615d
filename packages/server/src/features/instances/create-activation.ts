import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { createActivationRecord } from '../../agents/local-node';
import { findNodeRole, trustsSsm } from '../../agents/node-role';
import { requestTagContext } from './scope';

const DAY_MS = 24 * 60 * 60 * 1000;

async function createActivation(input: Input<'CreateActivation'>, ctx: RequestContext): Promise<Output<'CreateActivation'>> {
  const role = await findNodeRole(ctx.db, ctx.accountId, input.IamRole);
  if (!role || !trustsSsm(role)) {
    // AWS: the role is named without its ARN prefix; a missing one or one SSM may not assume is refused.
    const arn = `arn:aws:iam::${ctx.accountId}:role/${input.IamRole}`;
    throw new AwsError('ValidationException', `Nonexistent role or missing ssm service principal in trust policy: ${arn}`);
  }
  // AWS: the caller passes the role to SSM, so iam:PassRole on it is checked as well.
  await ctx.checkAccess({ action: 'iam:PassRole', resources: [role.arn], context: { 'iam:PassedToService': 'ssm.amazonaws.com' } });
  const now = ctx.now;
  // AWS: an activation lasts 24 hours unless ExpirationDate says otherwise, and at most 30 days.
  const expires = input.ExpirationDate ? new Date(input.ExpirationDate) : new Date(now.getTime() + DAY_MS);
  if (expires.getTime() <= now.getTime()) {
    throw new AwsError('ValidationException', 'ExpirationDate must be in the future.');
  }
  if (expires.getTime() > now.getTime() + 30 * DAY_MS) {
    throw new AwsError('ValidationException', 'ExpirationDate cannot be more than 30 days in the future.');
  }
  const { activationId, activationCode } = await createActivationRecord(ctx.db, {
    accountId: ctx.accountId,
    region: ctx.region,
    iamRole: input.IamRole,
    description: input.Description,
    defaultInstanceName: input.DefaultInstanceName,
    registrationLimit: input.RegistrationLimit,
    expirationDate: expires,
    tags: input.Tags as Array<{ Key: string; Value: string }> | undefined,
    now,
  });
  return { ActivationId: activationId, ActivationCode: activationCode };
}

export const createActivationOperation: OperationDef<Input<'CreateActivation'>, Output<'CreateActivation'>> = {
  service: 'ssm',
  name: 'CreateActivation',
  // AWS: CreateActivation has no resource-level permissions; tag conditions still apply.
  authorize: (input) => ({ resources: ['*'], context: requestTagContext(input.Tags) }),
  handle: createActivation,
};
