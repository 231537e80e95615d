import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { deleteManagedPolicy, policyDeleteConflict } from '../../iam/store/managed-policies';
import { ownedPolicy } from './managed-policy-access';

type In = IamInput<'DeletePolicy'>;
type Out = IamOutput<'DeletePolicy'>;

/** AWS: only a policy that is attached nowhere and has only its default version can go. */
export async function deletePolicy(input: In, ctx: RequestContext): Promise<Out> {
  const policy = await ownedPolicy(ctx, input.PolicyArn);
  const conflict = await policyDeleteConflict(ctx.db, policy);
  if (conflict) throw new AwsError('DeleteConflict', conflict, 409);
  await deleteManagedPolicy(ctx.db, policy);
  return {};
}

export const deletePolicyOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'DeletePolicy',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: deletePolicy,
};
