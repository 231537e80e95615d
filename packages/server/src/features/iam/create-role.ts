import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { insertRole, roleArn } from '../../iam/store/roles';
import { putTags } from '../../iam/store/tags';
import { checkTrustPolicy } from './policy-text';
import { checkMaxSessionDuration } from './role-rules';
import { checkTags, requestTagContext } from './tags';
import { toRole } from './views';

type In = IamInput<'CreateRole'>;
type Out = IamOutput<'CreateRole'>;

export async function createRole(input: In, ctx: RequestContext): Promise<Out> {
  checkTrustPolicy(input.AssumeRolePolicyDocument);
  const tags = checkTags(input.Tags);
  if (input.PermissionsBoundary) throw new AwsError('InvalidInput', 'Permissions boundaries are not supported by this Bosun server.');
  const role = await insertRole(ctx.db, ctx.accountId, {
    roleName: input.RoleName,
    path: input.Path,
    trustPolicy: input.AssumeRolePolicyDocument,
    description: input.Description,
    maxSessionDuration: checkMaxSessionDuration(input.MaxSessionDuration),
  }, ctx.now);
  await putTags(ctx.db, { kind: 'role', id: role.role_id, accountId: ctx.accountId }, tags);
  // AWS: CreateRole's answer has no RoleLastUsed.
  return { Role: toRole(role, tags, false) };
}

export const createRoleOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'CreateRole',
  authorize: (input, ctx) => ({
    resources: [roleArn(ctx.accountId, input.Path ?? '/', input.RoleName)],
    context: requestTagContext(input.Tags),
  }),
  handle: createRole,
};
