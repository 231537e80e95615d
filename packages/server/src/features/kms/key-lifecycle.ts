import type { RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { updateKeyRow, type KeyPatch } from '../../kms/key-store';
import type { KmsKeyRow } from '../../kms/tables';
import { keyOfRequest } from './key-access';
import { refuseAwsManaged } from './key-guards';

/** A customer managed key named by the request, for a call that changes it. */
export async function managedKey(ctx: RequestContext, input: object, identifier: string): Promise<KmsKeyRow> {
  const key = await keyOfRequest(ctx, input, identifier);
  refuseAwsManaged(ctx, key);
  return key;
}

export function refusePendingDeletion(key: KmsKeyRow): void {
  // AWS: "arn:aws:kms:…:key/… is pending deletion."
  if (key.key_state === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

export async function patchKey(ctx: RequestContext, key: KmsKeyRow, patch: KeyPatch): Promise<void> {
  await updateKeyRow(ctx.db, key.key_id, patch);
  Object.assign(key, patch);
}
