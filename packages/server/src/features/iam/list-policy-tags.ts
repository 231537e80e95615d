import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { listTags } from '../../iam/store/tags';
import { readablePolicy } from './managed-policy-access';

type In = IamInput<'ListPolicyTags'>;
type Out = IamOutput<'ListPolicyTags'>;

export async function listPolicyTags(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await readablePolicy(ctx, input.PolicyArn);
  return { Tags: await listTags(ctx.db, { kind: 'policy', id: policy.policy_id }), IsTruncated: false };
}

export const listPolicyTagsOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'ListPolicyTags',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: listPolicyTags,
};
