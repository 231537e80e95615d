import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { decryptBlob } from '../../kms/envelope';
import { encryptionContextConditions } from './key-access';
import { checkSymmetricAlgorithm } from './key-guards';
import { keyOfBlob, onBlobKey } from './ciphertext-key';
import { assertUsable } from '../../kms/key-state';
import { stopIfDryRun } from './dry-run';

type In = KmsInput<'Decrypt'>;
type Out = KmsOutput<'Decrypt'>;

export async function decrypt(input: In, ctx: RequestContext): Promise<Out> {
  checkSymmetricAlgorithm(input.EncryptionAlgorithm);
  const named = await keyOfBlob(ctx, input.CiphertextBlob, input.KeyId);
  if (input.DryRun) {
    assertUsable(named);
    stopIfDryRun(input);
  }
  const { plaintext, key } = await decryptBlob(ctx, input.CiphertextBlob!, input.EncryptionContext ?? {});
  return { KeyId: key.arn, Plaintext: plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}

export const decryptOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'Decrypt',
  readOnly: true,
  // AWS: kms:Decrypt is authorised on the key the ciphertext names, not on a KeyId parameter.
  authorize: async (input, ctx) => onBlobKey(ctx, await keyOfBlob(ctx, input.CiphertextBlob, input.KeyId), {
    ...encryptionContextConditions(input.EncryptionContext),
    'kms:EncryptionAlgorithm': input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT',
  }),
  handle: decrypt,
};
