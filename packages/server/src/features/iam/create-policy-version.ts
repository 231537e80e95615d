import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { createPolicyVersion } from '../../iam/store/policy-versions';
import { ownedPolicy } from './managed-policy-access';
import { checkPolicyDocument } from './policy-text';

type In = IamInput<'CreatePolicyVersion'>;
type Out = IamOutput<'CreatePolicyVersion'>;

export async function createPolicyVersionOp(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await ownedPolicy(ctx, input.PolicyArn);
  checkPolicyDocument(input.PolicyDocument, { managed: true });
  const setAsDefault = input.SetAsDefault ?? false;
  const version = await createPolicyVersion(ctx.db, policy, input.PolicyDocument, setAsDefault, ctx.now);
  // AWS: the answer carries no document.
  return { PolicyVersion: { VersionId: version.version_id, IsDefaultVersion: setAsDefault, CreateDate: new Date(version.created_at) } };
}

export const createPolicyVersionOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'CreatePolicyVersion',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: createPolicyVersionOp,
};
