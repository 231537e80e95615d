import { sql, type Kysely, type Selectable } from 'kysely';
import { readIdleCached, type Database, type Db } from '../../db/index';
import type { ParametersTable, ParameterVersionsTable } from './tables';

/** Reads of one parameter: its row, a version, labels, tags. Writes live in write-version.ts. */
export interface Scope {
  accountId: string;
  region: string;
}

export type ParameterRow = Selectable<ParametersTable>;
export type VersionRow = Selectable<ParameterVersionsTable>;
type Q = Kysely<Database>;

export async function findParameter(db: Q, scope: Scope, name: string): Promise<ParameterRow | undefined> {
  const row = await db.selectFrom('parameters').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .executeTakeFirst();
  return row ? { ...row, version: Number(row.version) } : undefined;
}

export async function findVersion(db: Q, scope: Scope, name: string, version: number): Promise<VersionRow | undefined> {
  const row = await db.selectFrom('parameter_versions').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region)
    .where('name', '=', name).where('version', '=', version)
    .executeTakeFirst();
  return row ? { ...row, version: Number(row.version) } : undefined;
}

const CURRENT_VERSION_SQLITE = `select v.* from parameters as p
    inner join parameter_versions as v
      on v.account_id = p.account_id and v.region = p.region and v.name = p.name and v.version = p.version
    where p.account_id = ? and p.region = ? and p.name = ?`;

/**
 * The newest version of a parameter in one query: the hot path of GetParameter. Written as SQL
 * text rather than with the query builder, which spent more time building this join than
 * SQLite spent running it.
 */
export async function findCurrentVersion(db: Q, scope: Scope, name: string): Promise<VersionRow | undefined> {
  // SQLite outside a transaction: from the connection's read cache, or the statement straight
  // on the connection (db/index.ts readIdleCached).
  const rows = readIdleCached<VersionRow>(db, ['parameters', 'parameter_versions'], CURRENT_VERSION_SQLITE, [scope.accountId, scope.region, name])
    ?? (await sql<VersionRow>`select v.* from parameters as p
    inner join parameter_versions as v
      on v.account_id = p.account_id and v.region = p.region and v.name = p.name and v.version = p.version
    where p.account_id = ${scope.accountId} and p.region = ${scope.region} and p.name = ${name}`.execute(db)).rows;
  const row = rows[0];
  return row ? { ...row, version: Number(row.version) } : undefined;
}

/** Every kept version, oldest first, from `after` (exclusive) on. */
export async function listVersions(db: Q, scope: Scope, name: string, after: number, limit: number): Promise<VersionRow[]> {
  const rows = await db.selectFrom('parameter_versions').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region)
    .where('name', '=', name).where('version', '>', after)
    .orderBy('version').limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

export async function versionOfLabel(db: Q, scope: Scope, name: string, label: string): Promise<number | undefined> {
  const row = await db.selectFrom('parameter_labels').select('version')
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region)
    .where('name', '=', name).where('label', '=', label)
    .executeTakeFirst();
  return row ? Number(row.version) : undefined;
}

/** Labels by version for one parameter. */
export async function labelsByVersion(db: Q, scope: Scope, name: string): Promise<Map<number, string[]>> {
  const rows = await db.selectFrom('parameter_labels').select(['label', 'version'])
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .orderBy('label')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const v = Number(r.version);
    out.set(v, [...(out.get(v) ?? []), r.label]);
  }
  return out;
}

export async function tagsOf(db: Q, scope: Scope, name: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('parameter_tags').select(['tag_key', 'tag_value'])
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .orderBy('tag_key')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.tag_key, r.tag_value]));
}

/** Deletes a parameter with its versions, labels and tags; false when there was none. */
export async function deleteParameterRows(db: Q, scope: Scope, name: string): Promise<boolean> {
  const result = await db.deleteFrom('parameters')
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .executeTakeFirst();
  for (const table of ['parameter_versions', 'parameter_labels', 'parameter_tags'] as const) {
    await db.deleteFrom(table)
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
      .execute();
  }
  return Number(result.numDeletedRows) > 0;
}

export type { Db };
