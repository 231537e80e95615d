import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listGroups } from '../../iam/store/groups';
import { pageMembers, toGroup } from './views';

type In = IamInput<'ListGroups'>;
type Out = IamOutput<'ListGroups'>;

export async function listGroupsOp(input: In, ctx: RequestContext): Promise<Out> {
  const page = await listGroups(ctx.db, ctx.accountId, { pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: input.MaxItems });
  return { Groups: page.items.map(toGroup), ...pageMembers(page) };
}

export const listGroupsOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListGroups',
  authorize: (input, ctx) => ({ resources: [`arn:aws:iam::${ctx.accountId}:group${input.PathPrefix ?? '/'}*`] }),
  handle: listGroupsOp,
};
