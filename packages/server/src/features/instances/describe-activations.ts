import type { Input, Output, SsmTypes } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import { listActivations, parseTags, type ActivationRow } from '../../agents/activation-store';

function toActivation(row: ActivationRow, now: Date): SsmTypes.Activation {
  return {
    ActivationId: row.activation_id,
    Description: row.description ?? undefined,
    DefaultInstanceName: row.default_instance_name ?? undefined,
    IamRole: row.iam_role,
    RegistrationLimit: row.registration_limit,
    RegistrationsCount: row.registrations_count,
    ExpirationDate: new Date(row.expiration_date),
    Expired: Date.parse(row.expiration_date) <= now.getTime(),
    CreatedDate: new Date(row.created_date),
    Tags: parseTags(row.tags),
  };
}

async function describeActivations(input: Input<'DescribeActivations'>, ctx: RequestContext): Promise<Output<'DescribeActivations'>> {
  const wanted: Record<string, string[]> = {};
  for (const f of input.Filters ?? []) {
    if (!f.FilterKey) throw new AwsError('InvalidFilter', 'Each filter needs a FilterKey.');
    // AWS: repeating a key narrows to values in both lists.
    const values = f.FilterValues ?? [];
    wanted[f.FilterKey] = wanted[f.FilterKey] ? wanted[f.FilterKey].filter((v) => values.includes(v)) : values;
  }
  const scope = `DescribeActivations:${ctx.accountId}:${ctx.region}:${JSON.stringify(wanted)}`;
  const after = input.NextToken === undefined ? undefined : decodeNextToken<string>(input.NextToken, scope);
  // AWS: MaxResults is 1–50; a page is 50 unless asked for fewer.
  const size = input.MaxResults ?? 50;
  const rows = await listActivations(ctx.db, {
    accountId: ctx.accountId,
    region: ctx.region,
    activationIds: wanted.ActivationIds,
    defaultInstanceNames: wanted.DefaultInstanceName,
    iamRoles: wanted.IamRole,
    after,
    limit: size + 1,
  });
  const page = rows.slice(0, size);
  return {
    ActivationList: page.map((r) => toActivation(r, ctx.now)),
    NextToken: rows.length > size ? encodeNextToken(scope, page[page.length - 1].activation_id) : undefined,
  };
}

export const describeActivationsOperation: OperationDef<Input<'DescribeActivations'>, Output<'DescribeActivations'>> = {
  service: 'ssm',
  name: 'DescribeActivations',
  handle: describeActivations,
};
