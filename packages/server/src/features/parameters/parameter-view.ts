import type { SsmTypes } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import { assertValidName, parameterArn, parseNameReference } from './names';
import { decryptValue } from './secure-value';
import { findCurrentVersion, findParameter, findVersion, versionOfLabel, type VersionRow } from './store';
import { scopeOf } from './resources';

/**
 * What GetParameter, GetParameters and GetParametersByPath answer for one version. A
 * SecureString is decrypted only when asked (and allowed); otherwise its ciphertext is shown.
 */
export async function toParameter(ctx: RequestContext, row: VersionRow, withDecryption: boolean, selector?: string): Promise<SsmTypes.Parameter> {
  const arn = parameterArn(ctx.region, ctx.accountId, row.name);
  const value = row.type === 'SecureString' && withDecryption ? await decryptValue(ctx, row.value, arn) : row.value;
  return {
    Name: row.name,
    Type: row.type as SsmTypes.ParameterType,
    Value: value,
    Version: row.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: new Date(row.last_modified_date),
    ARN: arn,
    DataType: row.data_type,
  };
}

/** Resolves `name`, `name:version` or `name:label` to one stored version, or AWS's error. */
export async function resolveReference(ctx: RequestContext, reference: string): Promise<{ row: VersionRow; selector?: string }> {
  const ref = parseNameReference(reference);
  assertValidName(ref.name, ctx.region, ctx.accountId, false);
  const scope = scopeOf(ctx);
  if (ref.version === undefined && ref.label === undefined) {
    const current = await findCurrentVersion(ctx.db, scope, ref.name);
    // AWS: ParameterNotFound carries no message for reads.
    if (!current) throw new AwsError('ParameterNotFound', '');
    return { row: current };
  }
  const parameter = await findParameter(ctx.db, scope, ref.name);
  // AWS: ParameterNotFound carries no message for reads.
  if (!parameter) throw new AwsError('ParameterNotFound', '');
  let version = parameter.version;
  if (ref.version !== undefined) version = ref.version;
  if (ref.label !== undefined) {
    const labelled = await versionOfLabel(ctx.db, scope, ref.name, ref.label);
    if (labelled === undefined) throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find label ${ref.label} of ${ref.name}. Verify the label and try again.`);
    version = labelled;
  }
  const row = await findVersion(ctx.db, scope, ref.name, version);
  if (!row) throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${ref.name}. Verify the version and try again.`);
  return { row, selector: ref.selector };
}

/** The plain name a reference points at, for authorisation. */
export const nameOfReference = (reference: string): string => parseNameReference(reference).name;
