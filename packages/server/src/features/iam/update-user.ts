import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { getUser, updateUser, userArn } from '../../iam/store/users';
import { userResource } from './targets';

type In = IamInput<'UpdateUser'>;
type Out = IamOutput<'UpdateUser'>;

export async function updateUserOp(input: In, ctx: RequestContext): Promise<Out> {
  const user = await getUser(ctx.db, ctx.accountId, input.UserName);
  await updateUser(ctx.db, user, { newUserName: input.NewUserName, newPath: input.NewPath });
  return {};
}

export const updateUserOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UpdateUser',
  // AWS: renaming needs permission on both the old and the new name.
  authorize: async (input, ctx) => {
    const current = await userResource(ctx, input.UserName);
    const resources = [current];
    if (input.NewUserName || input.NewPath) {
      const path = input.NewPath ?? (current.arn.match(/:user(\/.*\/|\/)[^/]+$/)?.[1] ?? '/');
      resources.push({ arn: userArn(ctx.accountId, path, input.NewUserName ?? input.UserName) });
    }
    return { resources };
  },
  handle: updateUserOp,
};
