import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { checkFilters, type InstanceFilter } from './instance-filters';
import { toInstanceInformation } from './instance-view';
import { pageOfInstances } from './list-instances';

async function describeInstanceInformation(
  input: Input<'DescribeInstanceInformation'>, ctx: RequestContext,
): Promise<Output<'DescribeInstanceInformation'>> {
  const filters: InstanceFilter[] = [
    ...(input.InstanceInformationFilterList ?? []).map((f) => ({ key: f.key, values: f.valueSet })),
    ...(input.Filters ?? []).map((f) => ({ key: f.Key, values: f.Values })),
  ];
  checkFilters(filters, { valueError: 'InvalidInstanceInformationFilterValue' });
  // AWS: MaxResults is 5–50 here, 50 when absent.
  const page = await pageOfInstances(ctx, 'DescribeInstanceInformation', filters, input.MaxResults ?? 50, input.NextToken);
  return { InstanceInformationList: page.rows.map((r) => toInstanceInformation(r, ctx.now)), NextToken: page.nextToken };
}

export const describeInstanceInformationOperation: OperationDef<Input<'DescribeInstanceInformation'>, Output<'DescribeInstanceInformation'>> = {
  service: 'ssm',
  name: 'DescribeInstanceInformation',
  // AWS: no resource-level permissions; the answer covers the caller's account and region.
  handle: describeInstanceInformation,
};
