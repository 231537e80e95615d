import type { Authorization, ContextValue, RequestContext } from '../../operations/types';
import { keyConditions } from '../../kms/conditions';
import { findKey } from '../../kms/resolve';
import { tagsOfKey } from '../../kms/tag-store';
import type { KmsKeyRow } from '../../kms/tables';

/**
 * The key a request names, looked up once: `authorize` and `handle` receive the same input
 * object from dispatch, so the row found for authorisation is reused by the handler.
 */
const found = new WeakMap<object, KmsKeyRow>();

export async function keyOfRequest(ctx: RequestContext, input: object, identifier: string): Promise<KmsKeyRow> {
  const cached = found.get(input);
  if (cached) return cached;
  const row = await findKey(ctx, identifier);
  found.set(input, row);
  return row;
}

/**
 * `kms:<Operation>` on the key's ARN, with the key's tags for aws:ResourceTag/* and the
 * condition keys KMS sets on every call about a key.
 */
export async function onKey(ctx: RequestContext, input: object, identifier: string, extra: Record<string, ContextValue> = {}): Promise<Authorization> {
  const row = await keyOfRequest(ctx, input, identifier);
  return { resources: [{ arn: row.arn, tags: await tagsOfKey(ctx.db, row.key_id) }], context: { ...keyConditions(row, identifier), ...extra } };
}

export { keyConditions, encryptionContextConditions } from '../../kms/conditions';
