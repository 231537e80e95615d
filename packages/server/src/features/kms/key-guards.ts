import type { RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import type { KmsKeyRow } from '../../kms/tables';

/**
 * AWS managed keys (alias/aws/*) are managed by AWS: their key policy allows no one to disable,
 * delete, tag, re-describe or re-policy them, so AWS answers AccessDeniedException from the key
 * policy even for administrators. Bosun does not evaluate key policies, so it copies that here.
 */
export function refuseAwsManaged(ctx: RequestContext, key: KmsKeyRow): void {
  if (key.key_manager !== 'AWS') return;
  const action = `kms:${ctx.operation}`;
  throw new AwsError('AccessDeniedException',
    `User: ${ctx.principal.arn} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`);
}

/** The only algorithm a SYMMETRIC_DEFAULT key supports. */
export function checkSymmetricAlgorithm(algorithm: string | undefined): void {
  // AWS: InvalidKeyUsageException when the algorithm does not fit the key.
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec SYMMETRIC_DEFAULT.`);
  }
}
