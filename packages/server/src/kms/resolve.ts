import type { RequestContext } from '../operations/types';
import { AwsError } from '../operations/errors';
import { aliasArn, keyArn, parseKeyIdentifier } from './arns';
import { findAliasRow } from './alias-store';
import { ensureAwsManagedKey } from './aws-managed';
import { findKeyRow } from './key-store';
import { liveKey } from './expiry';
import { assertUsable } from './key-state';
import type { KeyRef } from './key-ref';
import type { KmsKeyRow } from './tables';

/**
 * Key id, key ARN, alias name or alias ARN → the key row in the caller's account and region,
 * whatever its state. An AWS managed alias (alias/aws/ssm) creates its key on first use —
 * AWS: even DescribeKey on it does.
 */
export async function findKey(ctx: RequestContext, identifier: string): Promise<KmsKeyRow> {
  const { accountId, region, db } = ctx;
  const id = parseKeyIdentifier(identifier);
  if (!id) throw new AwsError('NotFoundException', `Invalid keyId '${identifier}'`);
  if (id.kind === 'keyId' || id.kind === 'keyArn') {
    const inScope = id.kind === 'keyId' || (id.accountId === accountId && id.region === region);
    const row = inScope ? await liveKey(db, await findKeyRow(db, accountId, region, id.keyId), ctx.now) : undefined;
    // AWS: "Key 'arn:aws:kms:…:key/…' does not exist"
    if (!row) throw new AwsError('NotFoundException', `Key '${id.kind === 'keyArn' ? identifier : keyArn(region, accountId, id.keyId)}' does not exist`);
    return row;
  }
  const aliasName = id.aliasName;
  const inScope = id.kind === 'alias' || (id.accountId === accountId && id.region === region);
  const notFound = () => new AwsError('NotFoundException', `Alias ${id.kind === 'aliasArn' ? identifier : aliasArn(region, accountId, aliasName)} is not found.`);
  if (!inScope) throw notFound();
  const alias = await findAliasRow(db, accountId, region, aliasName);
  const keyId = alias?.target_key_id ?? await ensureAwsManagedKey(db, accountId, region, aliasName, ctx.now);
  const row = keyId ? await liveKey(db, await findKeyRow(db, accountId, region, keyId), ctx.now) : undefined;
  if (!row) throw notFound();
  return row;
}

export function refOf(row: KmsKeyRow): KeyRef {
  return { keyId: row.key_id, arn: row.arn };
}

/** The enabled key a KeyId parameter names; DisabledException / KMSInvalidStateException otherwise. */
export async function resolveKey(ctx: RequestContext, keyIdOrAlias: string): Promise<KeyRef> {
  const row = await findKey(ctx, keyIdOrAlias);
  assertUsable(row);
  return refOf(row);
}
