import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { encryptionContextConditions, onKey } from './key-access';
import { makeDataKey } from './data-key';

type In = KmsInput<'GenerateDataKey'>;
type Out = KmsOutput<'GenerateDataKey'>;

export async function generateDataKey(input: In, ctx: RequestContext): Promise<Out> {
  const { plaintext, blob, keyArn } = await makeDataKey(input, ctx);
  return { CiphertextBlob: blob, Plaintext: plaintext, KeyId: keyArn };
}

export const generateDataKeyOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'GenerateDataKey',
  readOnly: true,
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId, encryptionContextConditions(input.EncryptionContext)),
  handle: generateDataKey,
};
