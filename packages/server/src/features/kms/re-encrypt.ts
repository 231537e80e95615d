import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { decryptBlob, encryptWithKey } from '../../kms/envelope';
import { assertUsable } from '../../kms/key-state';
import { findKey, refOf } from '../../kms/resolve';
import { encryptionContextConditions, keyConditions } from './key-access';
import { checkSymmetricAlgorithm } from './key-guards';
import { keyOfBlob, onBlobKey } from './ciphertext-key';
import { tagsOfKey } from '../../kms/tag-store';
import { stopIfDryRun } from './dry-run';

type In = KmsInput<'ReEncrypt'>;
type Out = KmsOutput<'ReEncrypt'>;

export async function reEncrypt(input: In, ctx: RequestContext): Promise<Out> {
  checkSymmetricAlgorithm(input.SourceEncryptionAlgorithm);
  checkSymmetricAlgorithm(input.DestinationEncryptionAlgorithm);
  const destination = await findKey(ctx, input.DestinationKeyId);
  // AWS: ReEncrypt needs kms:ReEncryptFrom on the source key (dispatch) and kms:ReEncryptTo on the destination.
  await ctx.checkAccess({
    action: 'kms:ReEncryptTo',
    resources: [{ arn: destination.arn, tags: await tagsOfKey(ctx.db, destination.key_id) }],
    context: { ...keyConditions(destination, input.DestinationKeyId), ...encryptionContextConditions(input.DestinationEncryptionContext) },
  });
  assertUsable(destination);
  stopIfDryRun(input);
  const { plaintext, key: source } = await decryptBlob(ctx, input.CiphertextBlob!, input.SourceEncryptionContext ?? {});
  try {
    const blob = await encryptWithKey(ctx, refOf(destination), plaintext, input.DestinationEncryptionContext ?? {});
    return {
      CiphertextBlob: blob, SourceKeyId: source.arn, KeyId: destination.arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  } finally {
    plaintext.fill(0);
  }
}

export const reEncryptOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'ReEncrypt',
  readOnly: true,
  authorize: async (input, ctx) => ({
    ...await onBlobKey(ctx, await keyOfBlob(ctx, input.CiphertextBlob, input.SourceKeyId), encryptionContextConditions(input.SourceEncryptionContext)),
    action: 'kms:ReEncryptFrom',
  }),
  handle: reEncrypt,
};
