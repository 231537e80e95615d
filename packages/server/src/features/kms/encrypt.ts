import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { encryptWithKey } from '../../kms/envelope';
import { assertUsable } from '../../kms/key-state';
import { refOf } from '../../kms/resolve';
import { encryptionContextConditions, keyOfRequest, onKey } from './key-access';
import { checkSymmetricAlgorithm } from './key-guards';
import { stopIfDryRun } from './dry-run';

type In = KmsInput<'Encrypt'>;
type Out = KmsOutput<'Encrypt'>;

export async function encrypt(input: In, ctx: RequestContext): Promise<Out> {
  checkSymmetricAlgorithm(input.EncryptionAlgorithm);
  const key = await keyOfRequest(ctx, input, input.KeyId);
  assertUsable(key);
  stopIfDryRun(input);
  const blob = await encryptWithKey(ctx, refOf(key), input.Plaintext, input.EncryptionContext ?? {});
  return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}

export const encryptOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'Encrypt',
  // AWS: CloudTrail records KMS cryptographic operations as read-only (and without responses).
  readOnly: true,
  sensitiveInput: ['Plaintext'],
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId, {
    ...encryptionContextConditions(input.EncryptionContext),
    'kms:EncryptionAlgorithm': input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT',
  }),
  handle: encrypt,
};
