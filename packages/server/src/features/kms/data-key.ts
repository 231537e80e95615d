import crypto from 'node:crypto';
import type { RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { encryptWithKey } from '../../kms/envelope';
import { assertUsable } from '../../kms/key-state';
import { refOf } from '../../kms/resolve';
import { stopIfDryRun } from './dry-run';
import { keyOfRequest } from './key-access';

export interface DataKeyRequest {
  DryRun?: boolean;
  KeyId: string;
  EncryptionContext?: Record<string, string>;
  NumberOfBytes?: number;
  KeySpec?: string;
}

/** A fresh random data key and its copy encrypted under the named KMS key. */
export async function makeDataKey(input: DataKeyRequest, ctx: RequestContext): Promise<{ plaintext: Buffer; blob: Buffer; keyArn: string }> {
  const length = dataKeyLength(input);
  const key = await keyOfRequest(ctx, input, input.KeyId);
  assertUsable(key);
  stopIfDryRun(input);
  const plaintext = crypto.randomBytes(length);
  const blob = await encryptWithKey(ctx, refOf(key), plaintext, input.EncryptionContext ?? {});
  return { plaintext, blob, keyArn: key.arn };
}

function dataKeyLength(input: DataKeyRequest): number {
  // AWS: exactly one of NumberOfBytes and KeySpec.
  if ((input.NumberOfBytes === undefined) === (input.KeySpec === undefined)) {
    throw new AwsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (input.NumberOfBytes !== undefined) return input.NumberOfBytes;
  return input.KeySpec === 'AES_128' ? 16 : 32;
}
