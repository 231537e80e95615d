import type { Input, Output, SsmTypes } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import type { OperationDef, RequestContext } from '../../operations/types';
import { compileFilters, fromLegacyFilters } from './filters';
import { pageOfParameters } from './list-store';
import { parameterArn } from './names';
import { scopeOf } from './resources';
import type { ParameterRow } from './store';

export function toMetadata(ctx: RequestContext, row: ParameterRow): SsmTypes.ParameterMetadata {
  return {
    Name: row.name,
    ARN: parameterArn(ctx.region, ctx.accountId, row.name),
    Type: row.type as SsmTypes.ParameterType,
    ...(row.key_id ? { KeyId: row.key_id } : {}),
    LastModifiedDate: new Date(row.last_modified_date),
    LastModifiedUser: row.last_modified_user,
    ...(row.description ? { Description: row.description } : {}),
    ...(row.allowed_pattern ? { AllowedPattern: row.allowed_pattern } : {}),
    Version: row.version,
    Tier: row.tier as SsmTypes.ParameterTier,
    Policies: row.policies ? JSON.parse(row.policies) : [],
    DataType: row.data_type,
  };
}

async function describeParameters(input: Input<'DescribeParameters'>, ctx: RequestContext): Promise<Output<'DescribeParameters'>> {
  if (input.Filters?.length && input.ParameterFilters?.length) {
    // AWS: the two filter styles cannot be mixed.
    throw new AwsError('InvalidFilter', 'You can use either Filters or ParameterFilters in a single request, but not both.');
  }
  const filters = compileFilters(input.ParameterFilters ?? fromLegacyFilters(input.Filters), 'describe');
  const tokenScope = `DescribeParameters:${ctx.accountId}:${ctx.region}:${JSON.stringify([input.Filters ?? null, input.ParameterFilters ?? null])}`;
  const after = input.NextToken ? decodeNextToken<string>(input.NextToken, tokenScope) : undefined;
  const page = await pageOfParameters(ctx.db, scopeOf(ctx), filters, after, input.MaxResults ?? 10);
  return {
    Parameters: page.rows.map((row) => toMetadata(ctx, row)),
    ...(page.next ? { NextToken: encodeNextToken(tokenScope, page.next) } : {}),
  };
}

export const describeParametersOperation: OperationDef<Input<'DescribeParameters'>, Output<'DescribeParameters'>> = {
  service: 'ssm',
  name: 'DescribeParameters',
  // AWS: DescribeParameters has no resource-level permissions.
  handle: describeParameters,
};
