import type { RequestContext } from '../../operations/types';
import { assertUsable } from '../../kms/key-state';
import type { KmsKeyRow } from '../../kms/tables';
import { managedKey } from './key-lifecycle';

/** Rotation settings change only on an enabled customer managed key (AWS's key-state table). */
export async function keyForRotationChange(ctx: RequestContext, input: object, identifier: string): Promise<KmsKeyRow> {
  const key = await managedKey(ctx, input, identifier);
  assertUsable(key);
  return key;
}
