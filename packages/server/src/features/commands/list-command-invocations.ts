import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import { parseFilters, statusMatches } from './filters';
import type { CommandRow } from './store';
import { toInvocation } from './views';

type Position = { t: string; c: string; i: string };

async function listCommandInvocations(input: Input<'ListCommandInvocations'>, ctx: RequestContext): Promise<Output<'ListCommandInvocations'>> {
  const filters = parseFilters(input.Filters);
  const max = input.MaxResults ?? 50;
  const scope = `ListCommandInvocations:${ctx.accountId}:${ctx.region}:${input.CommandId ?? ''}:${input.InstanceId ?? ''}`;
  const from = input.NextToken ? decodeNextToken<Position>(input.NextToken, scope) : undefined;
  if (input.CommandId) {
    const exists = await ctx.db.selectFrom('commands').select('command_id').where('command_id', '=', input.CommandId)
      .where('account_id', '=', ctx.accountId).where('region', '=', ctx.region).executeTakeFirst();
    if (!exists) throw new AwsError('InvalidCommandId', '');
  }
  let q = ctx.db.selectFrom('command_invocations as i').innerJoin('commands as c', 'c.command_id', 'i.command_id')
    .leftJoin('managed_instances as m', 'm.instance_id', 'i.instance_id')
    .selectAll('i').select(['c.requested_at', 'm.name as instance_name'])
    .where('i.account_id', '=', ctx.accountId).where('i.region', '=', ctx.region);
  if (input.CommandId) q = q.where('i.command_id', '=', input.CommandId);
  if (input.InstanceId) q = q.where('i.instance_id', '=', input.InstanceId);
  if (filters.after) q = q.where('c.requested_at', '>=', filters.after);
  if (filters.before) q = q.where('c.requested_at', '<=', filters.before);
  if (filters.documentName) q = q.where('c.document_name', '=', filters.documentName);
  if (from) {
    q = q.where((eb) => eb.or([
      eb('c.requested_at', '<', from.t),
      eb.and([eb('c.requested_at', '=', from.t), eb('i.command_id', '<', from.c)]),
      eb.and([eb('c.requested_at', '=', from.t), eb('i.command_id', '=', from.c), eb('i.instance_id', '>', from.i)]),
    ]));
  }
  const rows = (await q.orderBy('c.requested_at', 'desc').orderBy('i.command_id', 'desc').orderBy('i.instance_id').execute())
    .filter((r) => statusMatches(filters.status, r.status, r.status_details));
  const page = rows.slice(0, max);
  const commands = new Map<string, CommandRow>();
  for (const id of new Set(page.map((r) => r.command_id))) {
    const c = await ctx.db.selectFrom('commands').selectAll().where('command_id', '=', id).executeTakeFirstOrThrow();
    commands.set(id, c);
  }
  const last = page[page.length - 1];
  return {
    CommandInvocations: page.map((r) => toInvocation(ctx.db, commands.get(r.command_id)!, r, r.instance_name ?? null, input.Details === true)),
    ...(rows.length > max && last ? { NextToken: encodeNextToken(scope, { t: last.requested_at, c: last.command_id, i: last.instance_id }) } : {}),
  };
}

export const listCommandInvocationsOperation: OperationDef<Input<'ListCommandInvocations'>, Output<'ListCommandInvocations'>> = {
  service: 'ssm',
  name: 'ListCommandInvocations',
  handle: listCommandInvocations,
};
