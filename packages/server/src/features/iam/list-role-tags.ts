import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listTags } from '../../iam/store/tags';
import { getRole } from '../../iam/store/roles';
import { roleResource } from './targets';

type In = IamInput<'ListRoleTags'>;
type Out = IamOutput<'ListRoleTags'>;

export async function listRoleTags(input: In, ctx: RequestContext): Promise<Out> {
  const role = await getRole(ctx.db, ctx.accountId, input.RoleName);
  // At most 50 tags: one page always holds them all.
  return { Tags: await listTags(ctx.db, { kind: 'role', id: role.role_id }), IsTruncated: false };
}

export const listRoleTagsOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListRoleTags',
  authorize: async (input, ctx) => ({ resources: [await roleResource(ctx, input.RoleName)] }),
  handle: listRoleTags,
};
