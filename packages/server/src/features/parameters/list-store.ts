import { sql } from 'kysely';
import type { Db } from '../../db/index';
import type { CompiledFilters } from './filters';
import { labelsByVersion, tagsOf, type ParameterRow, type Scope } from './store';

const BATCH = 200;

/**
 * One page of parameters in name order, after `after` (exclusive). Rows are read in batches
 * and the filters SQL cannot express (tags, labels…) are applied here, so a page is full
 * unless the listing ended. The position returned is a name, not an offset: writes between
 * pages never shift, repeat or skip a row.
 */
export async function pageOfParameters(
  db: Db,
  scope: Scope,
  filters: CompiledFilters,
  after: string | undefined,
  maxResults: number,
): Promise<{ rows: ParameterRow[]; next?: string }> {
  const rows: ParameterRow[] = [];
  let cursor = after;
  for (;;) {
    let q = db.selectFrom('parameters').selectAll()
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region);
    if (filters.path) {
      const { path, recursive } = filters.path;
      if (!recursive) q = q.where('parent_path', '=', path);
      else {
        const prefix = path === '/' ? '/' : `${path}/`;
        q = q.where(sql<string>`substr(name, 1, ${prefix.length})`, '=', prefix);
      }
    }
    if (cursor !== undefined) q = q.where('name', '>', cursor);
    const batch = await q.orderBy('name').limit(BATCH).execute();
    for (const row of batch) {
      cursor = row.name;
      const tags = filters.needsTags ? await tagsOf(db, scope, row.name) : {};
      const labels = filters.needsLabels ? [...(await labelsByVersion(db, scope, row.name)).values()].flat() : [];
      if (filters.matches({ ...row, version: Number(row.version) }, tags, labels)) {
        rows.push({ ...row, version: Number(row.version) });
        if (rows.length === maxResults) return { rows, next: row.name };
      }
    }
    if (batch.length < BATCH) return { rows };
  }
}
