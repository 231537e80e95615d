import { AwsError } from '../operations/errors';
import type { KmsKeyRow } from './tables';

/** Refuses cryptographic use of a key that is not Enabled, with AWS's codes and wording. */
export function assertUsable(key: KmsKeyRow): void {
  // AWS: "DisabledException: arn:aws:kms:…:key/… is disabled."
  if (key.key_state === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`);
  if (key.key_state === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

/** Key-management calls other than Cancel/Describe/… are refused on a key pending deletion. */
export function assertNotPendingDeletion(key: KmsKeyRow): void {
  if (key.key_state === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}
