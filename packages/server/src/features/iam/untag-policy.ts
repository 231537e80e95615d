import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { removeTags } from '../../iam/store/tags';
import { ownedPolicy } from './managed-policy-access';
import { tagKeysContext } from './tags';

type In = IamInput<'UntagPolicy'>;
type Out = IamOutput<'UntagPolicy'>;

export async function untagPolicy(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await ownedPolicy(ctx, input.PolicyArn);
  await removeTags(ctx.db, { kind: 'policy', id: policy.policy_id }, input.TagKeys);
  return {};
}

export const untagPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'UntagPolicy',
  authorize: (input) => ({ resources: [input.PolicyArn], context: tagKeysContext(input.TagKeys) }),
  handle: untagPolicy,
};
