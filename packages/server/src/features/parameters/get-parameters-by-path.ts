import type { Input, Output, SsmTypes } from '@bosun/protocol';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import type { OperationDef, RequestContext } from '../../operations/types';
import { compileFilters } from './filters';
import { pageOfParameters } from './list-store';
import { normalisePath, parameterArn } from './names';
import { toParameter } from './parameter-view';
import { scopeOf } from './resources';
import { findVersion } from './store';

async function getParametersByPath(input: Input<'GetParametersByPath'>, ctx: RequestContext): Promise<Output<'GetParametersByPath'>> {
  const path = normalisePath(input.Path);
  const recursive = input.Recursive === true;
  const filters = compileFilters(input.ParameterFilters, 'by-path');
  filters.path = { path, recursive };
  // The token is only good for the same path and depth in the same account and region.
  const tokenScope = `GetParametersByPath:${ctx.accountId}:${ctx.region}:${path}:${recursive}`;
  const after = input.NextToken ? decodeNextToken<string>(input.NextToken, tokenScope) : undefined;
  const scope = scopeOf(ctx);
  const page = await pageOfParameters(ctx.db, scope, filters, after, input.MaxResults ?? 10);
  const parameters: SsmTypes.Parameter[] = [];
  for (const row of page.rows) {
    const version = await findVersion(ctx.db, scope, row.name, row.version);
    if (version) parameters.push(await toParameter(ctx, version, input.WithDecryption === true));
  }
  return { Parameters: parameters, ...(page.next ? { NextToken: encodeNextToken(tokenScope, page.next) } : {}) };
}

export const getParametersByPathOperation: OperationDef<Input<'GetParametersByPath'>, Output<'GetParametersByPath'>> = {
  service: 'ssm',
  name: 'GetParametersByPath',
  authorize(input, ctx) {
    // AWS: authorised on the path itself as a parameter ARN, with ssm:Recursive.
    const path = input.Path.length > 1 && input.Path.endsWith('/') ? input.Path.slice(0, -1) : input.Path;
    return {
      resources: [parameterArn(ctx.region, ctx.accountId, path)],
      context: { 'ssm:Recursive': input.Recursive ? 'true' : 'false' },
    };
  },
  handle: getParametersByPath,
};
