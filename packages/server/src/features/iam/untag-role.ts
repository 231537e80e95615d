import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { removeTags } from '../../iam/store/tags';
import { getRole } from '../../iam/store/roles';
import { tagKeysContext } from './tags';
import { roleResource } from './targets';

type In = IamInput<'UntagRole'>;
type Out = IamOutput<'UntagRole'>;

export async function untagRole(input: In, ctx: RequestContext): Promise<Out> {
  const role = await getRole(ctx.db, ctx.accountId, input.RoleName);
  await removeTags(ctx.db, { kind: 'role', id: role.role_id }, input.TagKeys);
  return {};
}

export const untagRoleOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UntagRole',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)], context: tagKeysContext(input.TagKeys) }),
  handle: untagRole,
};
