import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getRole, updateRole } from '../../iam/store/roles';
import { checkTrustPolicy } from './policy-text';
import { roleResource } from './targets';

type In = IamInput<'UpdateAssumeRolePolicy'>;
type Out = IamOutput<'UpdateAssumeRolePolicy'>;

/** Replaces who may assume the role; sessions already issued keep working until they expire, as in AWS. */
export async function updateAssumeRolePolicy(input: In, ctx: RequestContext): Promise<Out> {
  const role = await getRole(ctx.db, ctx.accountId, input.RoleName);
  await updateRole(ctx.db, role, { trustPolicy: checkTrustPolicy(input.PolicyDocument) });
  return {};
}

export const updateAssumeRolePolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UpdateAssumeRolePolicy',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: updateAssumeRolePolicy,
};
