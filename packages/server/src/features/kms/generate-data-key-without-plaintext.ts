import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { encryptionContextConditions, onKey } from './key-access';
import { makeDataKey } from './data-key';

type In = KmsInput<'GenerateDataKeyWithoutPlaintext'>;
type Out = KmsOutput<'GenerateDataKeyWithoutPlaintext'>;

export async function generateDataKeyWithoutPlaintext(input: In, ctx: RequestContext): Promise<Out> {
  const { plaintext, blob, keyArn } = await makeDataKey(input, ctx);
  plaintext.fill(0);
  return { CiphertextBlob: blob, KeyId: keyArn };
}

export const generateDataKeyWithoutPlaintextOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'GenerateDataKeyWithoutPlaintext',
  readOnly: true,
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId, encryptionContextConditions(input.EncryptionContext)),
  handle: generateDataKeyWithoutPlaintext,
};
