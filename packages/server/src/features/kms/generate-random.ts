import crypto from 'node:crypto';
import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';

type In = KmsInput<'GenerateRandom'>;
type Out = KmsOutput<'GenerateRandom'>;

export async function generateRandom(input: In, _ctx: RequestContext): Promise<Out> {
  if (input?.CustomKeyStoreId) throw new AwsError('CustomKeyStoreNotFoundException', `Custom key store ${input.CustomKeyStoreId} does not exist.`);
  // AWS: NumberOfBytes is required in practice (1–1024), though the model marks it optional.
  if (input?.NumberOfBytes === undefined) throw new AwsError('ValidationException', 'Please specify number of bytes.');
  return { Plaintext: crypto.randomBytes(input.NumberOfBytes) };
}

export const generateRandomOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'GenerateRandom',
  readOnly: true,
  authorize: () => ({ resources: ['*'] }),
  handle: generateRandom,
};
