import type { Authorization, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { keyOfCiphertext } from '../../kms/envelope';
import { findKeyRow } from '../../kms/key-store';
import { findKey } from '../../kms/resolve';
import { tagsOfKey } from '../../kms/tag-store';
import type { KmsKeyRow } from '../../kms/tables';
import { keyConditions } from './key-access';

/**
 * The key a ciphertext blob was made with, checked against the KeyId the caller may have given:
 * AWS answers IncorrectKeyException when they differ.
 */
export async function keyOfBlob(ctx: RequestContext, blob: Uint8Array | undefined, claimedKeyId: string | undefined): Promise<KmsKeyRow> {
  // AWS: the blob is required for symmetric keys; the model leaves it optional for Recipient calls.
  if (!blob) throw new AwsError('ValidationException', "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
  const ref = await keyOfCiphertext(ctx, blob);
  const row = await findKeyRow(ctx.db, ctx.accountId, ctx.region, ref.keyId);
  if (!row) throw new AwsError('InvalidCiphertextException', '');
  if (claimedKeyId !== undefined) {
    const claimed = await findKey(ctx, claimedKeyId);
    if (claimed.key_id !== row.key_id) {
      throw new AwsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
    }
  }
  return row;
}

export async function onBlobKey(ctx: RequestContext, key: KmsKeyRow, context: Authorization['context'] = {}): Promise<Authorization> {
  return { resources: [{ arn: key.arn, tags: await tagsOfKey(ctx.db, key.key_id) }], context: { ...keyConditions(key), ...context } };
}
