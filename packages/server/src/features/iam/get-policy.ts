import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { attachmentCount } from '../../iam/store/managed-policies';
import { listTags } from '../../iam/store/tags';
import { readablePolicy } from './managed-policy-access';
import { toPolicy } from './views';

type In = IamInput<'GetPolicy'>;
type Out = IamOutput<'GetPolicy'>;

export async function getPolicy(input: In, ctx: RequestContext): Promise<Out> {
  const row = await readablePolicy(ctx, input.PolicyArn);
  const tags = await listTags(ctx.db, { kind: 'policy', id: row.policy_id });
  return { Policy: toPolicy(row, await attachmentCount(ctx.db, ctx.accountId, row.policy_id), tags) };
}

export const getPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'GetPolicy',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: getPolicy,
};
