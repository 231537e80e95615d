import { resolveKey, encryptWithKey, keyOfCiphertext, decryptBlob, type KeyRef } from '../../kms/index';
import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';

/**
 * SecureString values through the key service. The ciphertext is bound to the parameter by
 * AWS's encryption context `{ PARAMETER_ARN: <arn> }` (and by the key service to the account),
 * so a blob copied onto another parameter or account does not open.
 */
export const DEFAULT_KEY = 'alias/aws/ssm';

export async function encryptValue(ctx: RequestContext, keyId: string | undefined, arn: string, value: string, advanced: boolean): Promise<{ ciphertext: string; key: KeyRef }> {
  let key: KeyRef;
  try {
    key = await resolveKey(ctx, keyId ?? DEFAULT_KEY);
  } catch (error) {
    // AWS: whatever KMS says about the key, PutParameter answers InvalidKeyId.
    if (error instanceof AwsError) throw new AwsError('InvalidKeyId', keyId ? `Invalid keyId ${keyId}` : 'The default key alias/aws/ssm is not usable');
    throw error;
  }
  // AWS: standard parameters are encrypted with kms:Encrypt, advanced ones with a data key.
  await ctx.checkAccess({ action: advanced ? 'kms:GenerateDataKey' : 'kms:Encrypt', resources: [key.arn] });
  const blob = await encryptWithKey(ctx, key, Buffer.from(value, 'utf8'), { PARAMETER_ARN: arn });
  return { ciphertext: blob.toString('base64'), key };
}

/** The clear value of a stored SecureString; the caller needs kms:Decrypt on its key, as in AWS. */
export async function decryptValue(ctx: RequestContext, ciphertext: string, arn: string): Promise<string> {
  const blob = Buffer.from(ciphertext, 'base64');
  let key: KeyRef;
  try {
    key = await keyOfCiphertext(ctx, blob);
  } catch (error) {
    if (error instanceof AwsError) throw new AwsError('InvalidKeyId', 'The key that encrypted this parameter is not available');
    throw error;
  }
  await ctx.checkAccess({ action: 'kms:Decrypt', resources: [key.arn] });
  try {
    return (await decryptBlob(ctx, blob, { PARAMETER_ARN: arn })).plaintext.toString('utf8');
  } catch (error) {
    // AWS: a disabled or pending-deletion key makes the read fail with InvalidKeyId.
    if (error instanceof AwsError) throw new AwsError('InvalidKeyId', `The key ${key.arn} cannot decrypt this parameter: ${error.code}`);
    throw error;
  }
}
