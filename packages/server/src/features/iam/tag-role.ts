import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { putTags } from '../../iam/store/tags';
import { getRole } from '../../iam/store/roles';
import { checkTags, requestTagContext } from './tags';
import { roleResource } from './targets';

type In = IamInput<'TagRole'>;
type Out = IamOutput<'TagRole'>;

export async function tagRole(input: In, ctx: RequestContext): Promise<Out> {
  const role = await getRole(ctx.db, ctx.accountId, input.RoleName);
  await putTags(ctx.db, { kind: 'role', id: role.role_id, accountId: ctx.accountId }, checkTags(input.Tags));
  return {};
}

export const tagRoleOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'TagRole',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)], context: requestTagContext(input.Tags) }),
  handle: tagRole,
};
