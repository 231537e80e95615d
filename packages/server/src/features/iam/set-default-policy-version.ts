import type { IamInput, IamOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { setDefaultPolicyVersion } from '../../iam/store/policy-versions';
import { ownedPolicy } from './managed-policy-access';

type In = IamInput<'SetDefaultPolicyVersion'>;
type Out = IamOutput<'SetDefaultPolicyVersion'>;

export async function setDefaultPolicyVersionOp(input: In, ctx: RequestContext): Promise<Out> {
  await setDefaultPolicyVersion(ctx.db, await ownedPolicy(ctx, input.PolicyArn), input.VersionId, ctx.now);
  return {};
}

export const setDefaultPolicyVersionOperation: OperationDef<In, Out> = {
  service: 'iam',
  name: 'SetDefaultPolicyVersion',
  authorize: (input) => ({ resources: [input.PolicyArn] }),
  handle: setDefaultPolicyVersionOp,
};
