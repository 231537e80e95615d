import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { groupArn, insertGroup } from '../../iam/store/groups';
import { toGroup } from './views';

type In = IamInput<'CreateGroup'>;
type Out = IamOutput<'CreateGroup'>;

export async function createGroup(input: In, ctx: RequestContext): Promise<Out> {
  return { Group: toGroup(await insertGroup(ctx.db, ctx.accountId, input.GroupName, input.Path ?? '/', ctx.now)) };
}

export const createGroupOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'CreateGroup',
  authorize: (input, ctx) => ({ resources: [groupArn(ctx.accountId, input.Path ?? '/', input.GroupName)] }),
  handle: createGroup,
};
