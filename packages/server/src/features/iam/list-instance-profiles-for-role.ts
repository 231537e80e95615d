import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getRole } from '../../iam/store/roles';
import { roleResource } from './targets';

type In = IamInput<'ListInstanceProfilesForRole'>;
type Out = IamOutput<'ListInstanceProfilesForRole'>;

/**
 * Bosun has no EC2 instance profiles (nodes get their role through activations), so every role
 * is in none. Tools such as Terraform ask before deleting a role.
 */
export async function listInstanceProfilesForRole(input: In, ctx: RequestContext): Promise<Out> {
  await getRole(ctx.db, ctx.accountId, input.RoleName);
  return { InstanceProfiles: [], IsTruncated: false };
}

export const listInstanceProfilesForRoleOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListInstanceProfilesForRole',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: listInstanceProfilesForRole,
};
