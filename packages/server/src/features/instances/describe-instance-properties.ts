import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { checkFilters, type InstanceFilter } from './instance-filters';
import { toInstanceProperty } from './instance-view';
import { pageOfInstances } from './list-instances';

async function describeInstanceProperties(
  input: Input<'DescribeInstanceProperties'>, ctx: RequestContext,
): Promise<Output<'DescribeInstanceProperties'>> {
  const filters: InstanceFilter[] = [
    ...(input.InstancePropertyFilterList ?? []).map((f) => ({ key: f.key, values: f.valueSet })),
    ...(input.FiltersWithOperator ?? []).map((f) => ({ key: f.Key, values: f.Values, operator: f.Operator })),
  ];
  checkFilters(filters, { extraKeys: ['DocumentName'], valueError: 'InvalidInstancePropertyFilterValue' });
  const page = await pageOfInstances(ctx, 'DescribeInstanceProperties', filters, input.MaxResults ?? 50, input.NextToken);
  return { InstanceProperties: page.rows.map((r) => toInstanceProperty(r, ctx.now)), NextToken: page.nextToken };
}

export const describeInstancePropertiesOperation: OperationDef<Input<'DescribeInstanceProperties'>, Output<'DescribeInstanceProperties'>> = {
  service: 'ssm',
  name: 'DescribeInstanceProperties',
  handle: describeInstanceProperties,
};
