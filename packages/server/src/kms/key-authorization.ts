import type { Authorization, RequestContext } from '../operations/types';
import { AwsError } from '../operations/errors';
import { encryptionContextConditions, keyConditions } from './conditions';
import { findKeyRow } from './key-store';
import type { KeyRef } from './key-ref';
import { tagsOfKey } from './tag-store';

/**
 * What to pass to `ctx.checkAccess` when another feature uses a key on the caller's behalf
 * (Parameter Store's kms:Encrypt / kms:Decrypt): the key ARN with its tags (aws:ResourceTag/*),
 * kms:EncryptionContext:* keys, and kms:ViaService as AWS sets it for calls made through a service.
 */
export async function keyAuthorization(
  ctx: RequestContext,
  key: KeyRef,
  action: string,
  encryptionContext: Record<string, string> = {},
  options: { viaService?: string } = {},
): Promise<Authorization> {
  const row = await findKeyRow(ctx.db, ctx.accountId, ctx.region, key.keyId);
  if (!row) throw new AwsError('NotFoundException', `Key '${key.arn}' does not exist`);
  return {
    action,
    resources: [{ arn: row.arn, tags: await tagsOfKey(ctx.db, row.key_id) }],
    context: {
      ...keyConditions(row),
      ...encryptionContextConditions(encryptionContext),
      // AWS: kms:ViaService is "<service>.<region>.amazonaws.com" when a service calls KMS for you.
      ...(options.viaService ? { 'kms:ViaService': `${options.viaService}.${ctx.region}.amazonaws.com` } : {}),
    },
  };
}
