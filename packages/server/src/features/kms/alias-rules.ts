import type { RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { aliasArn, parseKeyIdentifier } from '../../kms/arns';
import type { KmsKeyRow } from '../../kms/tables';
import { keyOfRequest } from './key-access';

/** Alias names as CreateAlias/UpdateAlias/DeleteAlias accept them. */
export function checkAliasName(name: string): void {
  if (!name.startsWith('alias/') || name.length <= 'alias/'.length) {
    throw new AwsError('ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  // AWS: alias/aws/ is reserved for AWS managed keys; callers are refused with NotAuthorizedException.
  if (name.startsWith('alias/aws/')) throw new AwsError('NotAuthorizedException', '');
}

export function aliasArnOf(ctx: RequestContext, name: string): string {
  return aliasArn(ctx.region, ctx.accountId, name);
}

/**
 * The key an alias is to point at: named by key id or key ARN, never by another alias, a
 * customer managed key, and not pending deletion.
 */
export async function aliasTarget(ctx: RequestContext, input: object, targetKeyId: string): Promise<KmsKeyRow> {
  const parsed = parseKeyIdentifier(targetKeyId);
  if (parsed?.kind === 'alias' || parsed?.kind === 'aliasArn') {
    throw new AwsError('ValidationException', 'Aliases must refer to keys. Not aliases');
  }
  const key = await keyOfRequest(ctx, input, targetKeyId);
  // AWS: AWS managed keys keep only the alias AWS gave them.
  if (key.key_manager === 'AWS') throw new AwsError('NotAuthorizedException', '');
  if (key.key_state === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  return key;
}
