import type { Input, Output, SsmTypes } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import type { OperationDef, RequestContext } from '../../operations/types';
import { assertValidName, parameterArn } from './names';
import { parameterResource, scopeOf } from './resources';
import { decryptValue } from './secure-value';
import { findParameter, labelsByVersion, listVersions } from './store';

/** Every kept version, oldest first, each with its labels and (for SecureString) its value as asked. */
async function getParameterHistory(input: Input<'GetParameterHistory'>, ctx: RequestContext): Promise<Output<'GetParameterHistory'>> {
  assertValidName(input.Name, ctx.region, ctx.accountId, false);
  const scope = scopeOf(ctx);
  if (!(await findParameter(ctx.db, scope, input.Name))) throw new AwsError('ParameterNotFound', '');
  const tokenScope = `GetParameterHistory:${ctx.accountId}:${ctx.region}:${input.Name}`;
  const after = input.NextToken ? decodeNextToken<number>(input.NextToken, tokenScope) : 0;
  const max = input.MaxResults ?? 50;
  const rows = await listVersions(ctx.db, scope, input.Name, after, max + 1);
  const page = rows.slice(0, max);
  const labels = await labelsByVersion(ctx.db, scope, input.Name);
  const arn = parameterArn(ctx.region, ctx.accountId, input.Name);
  const history: SsmTypes.ParameterHistory[] = [];
  for (const row of page) {
    const value = row.type === 'SecureString' && input.WithDecryption ? await decryptValue(ctx, row.value, arn) : row.value;
    history.push({
      Name: row.name,
      Type: row.type as SsmTypes.ParameterType,
      ...(row.key_id ? { KeyId: row.key_id } : {}),
      LastModifiedDate: new Date(row.last_modified_date),
      LastModifiedUser: row.last_modified_user,
      ...(row.description ? { Description: row.description } : {}),
      Value: value,
      ...(row.allowed_pattern ? { AllowedPattern: row.allowed_pattern } : {}),
      Version: row.version,
      Labels: labels.get(row.version) ?? [],
      Tier: row.tier as SsmTypes.ParameterTier,
      Policies: row.policies ? JSON.parse(row.policies) : [],
      DataType: row.data_type,
    });
  }
  const more = rows.length > max;
  return { Parameters: history, ...(more ? { NextToken: encodeNextToken(tokenScope, page[page.length - 1].version) } : {}) };
}

export const getParameterHistoryOperation: OperationDef<Input<'GetParameterHistory'>, Output<'GetParameterHistory'>> = {
  service: 'ssm',
  name: 'GetParameterHistory',
  async authorize(input, ctx) {
    return { resources: [await parameterResource(ctx, input.Name)] };
  },
  handle: getParameterHistory,
};
