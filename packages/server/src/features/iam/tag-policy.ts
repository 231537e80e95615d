import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { putTags } from '../../iam/store/tags';
import { ownedPolicy } from './managed-policy-access';
import { checkTags, requestTagContext } from './tags';

type In = IamInput<'TagPolicy'>;
type Out = IamOutput<'TagPolicy'>;

export async function tagPolicy(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await ownedPolicy(ctx, input.PolicyArn);
  await putTags(ctx.db, { kind: 'policy', id: policy.policy_id, accountId: ctx.accountId }, checkTags(input.Tags));
  return {};
}

export const tagPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'TagPolicy',
  authorize: (input) => ({ resources: [input.PolicyArn], context: requestTagContext(input.Tags) }),
  handle: tagPolicy,
};
