import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { keyOfRequest, onKey } from './key-access';

type In = KmsInput<'ListKeyPolicies'>;
type Out = KmsOutput<'ListKeyPolicies'>;

export async function listKeyPolicies(input: In, ctx: RequestContext): Promise<Out> {
  await keyOfRequest(ctx, input, input.KeyId);
  // AWS: every key has exactly one policy, "default".
  return { PolicyNames: ['default'], Truncated: false };
}

export const listKeyPoliciesOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'ListKeyPolicies',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: listKeyPolicies,
};
