import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { keyOfRequest, onKey } from './key-access';
import { checkPolicyName } from './key-policy';

type In = KmsInput<'GetKeyPolicy'>;
type Out = KmsOutput<'GetKeyPolicy'>;

export async function getKeyPolicy(input: In, ctx: RequestContext): Promise<Out> {
  checkPolicyName(input.PolicyName);
  const key = await keyOfRequest(ctx, input, input.KeyId);
  return { Policy: key.policy, PolicyName: 'default' };
}

export const getKeyPolicyOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'GetKeyPolicy',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: getKeyPolicy,
};
