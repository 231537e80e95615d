import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { attachedEntities } from '../../iam/store/attachments';
import { readablePolicy } from './managed-policy-access';

type In = IamInput<'ListEntitiesForPolicy'>;
type Out = IamOutput<'ListEntitiesForPolicy'>;

const under = (prefix: string | undefined) => (row: { path: string }) => !prefix || row.path.startsWith(prefix);

/** Who in this account has the policy attached (what to detach before DeletePolicy). */
export async function listEntitiesForPolicy(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await readablePolicy(ctx, input.PolicyArn);
  const { users, groups, roles } = await attachedEntities(ctx.db, ctx.accountId, policy.policy_id);
  const filter = input.EntityFilter;
  const wants = (kind: 'User' | 'Group' | 'Role') => !filter || filter === kind;
  // At most a few entities per policy in practice; one page holds them all.
  return {
    PolicyGroups: wants('Group') ? groups.filter(under(input.PathPrefix)).map((g) => ({ GroupName: g.group_name, GroupId: g.group_id })) : [],
    PolicyUsers: wants('User') ? users.filter(under(input.PathPrefix)).map((u) => ({ UserName: u.user_name, UserId: u.user_id })) : [],
    PolicyRoles: wants('Role') ? roles.filter(under(input.PathPrefix)).map((r) => ({ RoleName: r.role_name, RoleId: r.role_id })) : [],
    IsTruncated: false,
  };
}

export const listEntitiesForPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListEntitiesForPolicy',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: listEntitiesForPolicy,
};
