import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listManagedPolicies } from '../../iam/store/managed-policies';
import { attachmentCounts } from './managed-policy-access';
import { pageMembers, toPolicy } from './views';

type In = IamInput<'ListPolicies'>;
type Out = IamOutput<'ListPolicies'>;

/** Scope All (default) / AWS / Local, OnlyAttached, PathPrefix; paged by Marker and MaxItems. */
export async function listPolicies(input: In, ctx: RequestContext): Promise<Out> {
  const page = await listManagedPolicies(ctx.db, ctx.accountId, {
    scope: input.Scope, onlyAttached: input.OnlyAttached, pathPrefix: input.PathPrefix, marker: input.Marker, maxItems: input.MaxItems,
  });
  const counts = await attachmentCounts(ctx);
  return { Policies: page.items.map((p) => toPolicy(p, counts.get(p.policy_id) ?? 0)), ...pageMembers(page) };
}

export const listPoliciesOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListPolicies',
  authorize: () => ({ resources: ['*'] }),
  handle: listPolicies,
};
