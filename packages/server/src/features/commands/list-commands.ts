import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import { commandMatches, parseFilters } from './filters';
import type { CommandRow } from './store';
import { toCommand } from './views';

type Position = { t: string; id: string };

async function listCommands(input: Input<'ListCommands'>, ctx: RequestContext): Promise<Output<'ListCommands'>> {
  const filters = parseFilters(input.Filters);
  const max = input.MaxResults ?? 50;
  const scope = `ListCommands:${ctx.accountId}:${ctx.region}:${input.CommandId ?? ''}:${input.InstanceId ?? ''}`;
  const from = input.NextToken ? decodeNextToken<Position>(input.NextToken, scope) : undefined;
  let q = ctx.db.selectFrom('commands').selectAll().where('account_id', '=', ctx.accountId).where('region', '=', ctx.region);
  if (input.CommandId) q = q.where('command_id', '=', input.CommandId);
  if (input.InstanceId) {
    q = q.where('command_id', 'in', (qb) => qb.selectFrom('command_invocations').select('command_id').where('instance_id', '=', input.InstanceId!));
  }
  // Newest first; the position is (requested_at, command_id) so equal times page stably.
  if (from) q = q.where((eb) => eb.or([eb('requested_at', '<', from.t), eb.and([eb('requested_at', '=', from.t), eb('command_id', '<', from.id)])]));
  const page: CommandRow[] = [];
  let more = false;
  // Filters other than the keys above run in code: read ahead in batches until the page is full.
  for (let offset = 0; ; offset += 200) {
    const rows = await q.orderBy('requested_at', 'desc').orderBy('command_id', 'desc').limit(200).offset(offset).execute();
    for (const r of rows) {
      if (!commandMatches(filters, r)) continue;
      if (page.length === max) { more = true; break; }
      page.push(r);
    }
    if (more || rows.length < 200) break;
  }
  // AWS: a CommandId that names nothing is InvalidCommandId.
  if (input.CommandId && page.length === 0 && !from) {
    const exists = await ctx.db.selectFrom('commands').select('command_id').where('command_id', '=', input.CommandId)
      .where('account_id', '=', ctx.accountId).where('region', '=', ctx.region).executeTakeFirst();
    if (!exists) throw new AwsError('InvalidCommandId', '');
  }
  const last = page[page.length - 1];
  return {
    Commands: page.map(toCommand),
    ...(more && last ? { NextToken: encodeNextToken(scope, { t: last.requested_at, id: last.command_id }) } : {}),
  };
}

export const listCommandsOperation: OperationDef<Input<'ListCommands'>, Output<'ListCommands'>> = {
  service: 'ssm',
  name: 'ListCommands',
  handle: listCommands,
};
