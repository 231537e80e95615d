import type { RequestContext } from '../../operations/types';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import { listInstances, tagsOfInstances, type InstanceRow } from '../../agents/instance-store';
import { matchesAll, type InstanceFilter } from './instance-filters';

/**
 * One page of the caller's nodes that pass every filter, in instance-id order. The token
 * carries the last id returned, so nodes registering meanwhile never shift a page.
 */
export async function pageOfInstances(
  ctx: RequestContext, listing: string, filters: InstanceFilter[], maxResults: number, nextToken: string | undefined,
): Promise<{ rows: InstanceRow[]; nextToken?: string }> {
  const scope = `${listing}:${ctx.accountId}:${ctx.region}:${JSON.stringify(filters)}`;
  const after = nextToken === undefined ? undefined : decodeNextToken<string>(nextToken, scope);
  const rows = await listInstances(ctx.db, ctx.accountId, ctx.region, after);
  const tags = await tagsOfInstances(ctx.db, rows.map((r) => r.instance_id));
  const picked: InstanceRow[] = [];
  for (const row of rows) {
    if (!matchesAll(row, filters, tags.get(row.instance_id) ?? {}, ctx.now)) continue;
    if (picked.length === maxResults) return { rows: picked, nextToken: encodeNextToken(scope, picked[picked.length - 1].instance_id) };
    picked.push(row);
  }
  return { rows: picked };
}
