import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { insertManagedPolicy, policyArn } from '../../iam/store/managed-policies';
import { putTags } from '../../iam/store/tags';
import { checkPolicyDocument } from './policy-text';
import { checkTags, requestTagContext } from './tags';
import { toPolicy } from './views';

type In = IamInput<'CreatePolicy'>;
type Out = IamOutput<'CreatePolicy'>;

export async function createPolicy(input: In, ctx: RequestContext): Promise<Out> {
  // AWS: managed policies must use policy language version 2012-10-17.
  checkPolicyDocument(input.PolicyDocument, { managed: true });
  const tags = checkTags(input.Tags);
  const row = await insertManagedPolicy(ctx.db, ctx.accountId, {
    policyName: input.PolicyName, path: input.Path, description: input.Description, document: input.PolicyDocument,
  }, ctx.now);
  await putTags(ctx.db, { kind: 'policy', id: row.policy_id, accountId: ctx.accountId }, tags);
  return { Policy: toPolicy(row, 0, tags) };
}

export const createPolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'CreatePolicy',
  authorize: (input, ctx) => ({
    resources: [policyArn(ctx.accountId, input.Path ?? '/', input.PolicyName)],
    context: requestTagContext(input.Tags),
  }),
  handle: createPolicy,
};
