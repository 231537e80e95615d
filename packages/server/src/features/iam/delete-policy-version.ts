import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { deletePolicyVersion } from '../../iam/store/policy-versions';
import { ownedPolicy } from './managed-policy-access';

type In = IamInput<'DeletePolicyVersion'>;
type Out = IamOutput<'DeletePolicyVersion'>;

/** AWS: the default version cannot be deleted (DeleteConflict); delete the policy instead. */
export async function deletePolicyVersionOp(input: In, ctx: RequestContext): Promise<Out> {
  await deletePolicyVersion(ctx.db, await ownedPolicy(ctx, input.PolicyArn), input.VersionId);
  return {};
}

export const deletePolicyVersionOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeletePolicyVersion',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: deletePolicyVersionOp,
};
