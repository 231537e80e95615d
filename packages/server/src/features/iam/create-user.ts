import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { putTags } from '../../iam/store/tags';
import { insertUser, userArn } from '../../iam/store/users';
import { checkTags, requestTagContext } from './tags';
import { toUser } from './views';

type In = IamInput<'CreateUser'>;
type Out = IamOutput<'CreateUser'>;

export async function createUser(input: In, ctx: RequestContext): Promise<Out> {
  const tags = checkTags(input.Tags);
  if (input.PermissionsBoundary) throw new AwsError('InvalidInput', 'Permissions boundaries are not supported by this Bosun server.');
  const user = await insertUser(ctx.db, ctx.accountId, input.UserName, input.Path ?? '/', ctx.now);
  await putTags(ctx.db, { kind: 'user', id: user.user_id, accountId: ctx.accountId }, tags);
  return { User: toUser(user, tags) };
}

export const createUserOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'CreateUser',
  authorize: (input, ctx) => ({
    resources: [userArn(ctx.accountId, input.Path ?? '/', input.UserName)],
    context: requestTagContext(input.Tags),
  }),
  handle: createUser,
};
