import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { onKey } from './key-access';
import { managedKey, patchKey, refusePendingDeletion } from './key-lifecycle';
import { checkKeyPolicy, checkPolicyName } from './key-policy';

type In = KmsInput<'PutKeyPolicy'>;
type Out = KmsOutput<'PutKeyPolicy'>;

export async function putKeyPolicy(input: In, ctx: RequestContext): Promise<Out> {
  checkPolicyName(input.PolicyName);
  const policy = checkKeyPolicy(input.Policy);
  const key = await managedKey(ctx, input, input.KeyId);
  refusePendingDeletion(key);
  await patchKey(ctx, key, { policy });
  return {};
}

export const putKeyPolicyOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'PutKeyPolicy',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: putKeyPolicy,
};
