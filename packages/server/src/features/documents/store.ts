import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/index';
import type { DocumentPermissionsTable, DocumentsTable, DocumentVersionsTable } from './tables';

/** Reads and writes of documents; callers check the rules, this file only stores. */
export interface Scope {
  accountId: string;
  region: string;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type VersionRow = Selectable<DocumentVersionsTable>;
export type PermissionRow = Selectable<DocumentPermissionsTable>;
type Q = Kysely<Database>;

const numbers = (r: DocumentRow): DocumentRow => ({
  ...r, latest_version: Number(r.latest_version), default_version: Number(r.default_version), last_issued_version: Number(r.last_issued_version),
});
const versionNumber = (r: VersionRow): VersionRow => ({ ...r, version: Number(r.version) });

export async function findDocument(db: Q, scope: Scope, name: string): Promise<DocumentRow | undefined> {
  const row = await db.selectFrom('documents').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .executeTakeFirst();
  return row && numbers(row);
}

export async function listDocumentsOf(db: Q, scope: Scope): Promise<DocumentRow[]> {
  const rows = await db.selectFrom('documents').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).orderBy('name').execute();
  return rows.map(numbers);
}

export async function findVersion(db: Q, scope: Scope, name: string, version: number): Promise<VersionRow | undefined> {
  const row = await db.selectFrom('document_versions').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region)
    .where('name', '=', name).where('version', '=', version)
    .executeTakeFirst();
  return row && versionNumber(row);
}

export async function findVersionByName(db: Q, scope: Scope, name: string, versionName: string): Promise<VersionRow | undefined> {
  const row = await db.selectFrom('document_versions').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region)
    .where('name', '=', name).where('version_name', '=', versionName)
    .executeTakeFirst();
  return row && versionNumber(row);
}

export async function listVersions(db: Q, scope: Scope, name: string): Promise<VersionRow[]> {
  const rows = await db.selectFrom('document_versions').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .orderBy('version').execute();
  return rows.map(versionNumber);
}

export type NewVersion = Omit<VersionRow, 'account_id' | 'region' | 'name' | 'version'>;

export async function insertDocument(db: Q, scope: Scope, doc: Omit<DocumentRow, 'account_id' | 'region'>, first: NewVersion): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('documents').values({ ...doc, account_id: scope.accountId, region: scope.region }).execute();
    await trx.insertInto('document_versions').values({ ...first, account_id: scope.accountId, region: scope.region, name: doc.name, version: 1 }).execute();
  });
}

/** Appends a version under the document's row lock; `check` sees the document and every version first. */
export async function appendVersion(db: Q, scope: Scope, name: string, version: NewVersion, check: (doc: DocumentRow, versions: VersionRow[]) => void): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // The counter's update takes the row lock (PostgreSQL) or the write lock (SQLite) first.
    const bumped = await trx.updateTable('documents').set((eb) => ({ last_issued_version: eb('last_issued_version', '+', 1) }))
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
      .returningAll().executeTakeFirst();
    if (!bumped) throw new Error(`document ${name} vanished during an update`);
    const doc = numbers(bumped);
    check(doc, await listVersions(trx, scope, name));
    const number = doc.last_issued_version;
    await trx.insertInto('document_versions').values({ ...version, account_id: scope.accountId, region: scope.region, name, version: number }).execute();
    await trx.updateTable('documents').set({ latest_version: number })
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name).execute();
    return number;
  });
}

export async function setDefaultVersion(db: Q, scope: Scope, name: string, version: number): Promise<void> {
  await db.updateTable('documents').set({ default_version: version })
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name).execute();
}

/** Deletes one version; LatestVersion falls back to the highest one left. */
export async function deleteVersion(db: Q, scope: Scope, name: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('document_versions')
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name).where('version', '=', version)
      .execute();
    const left = await trx.selectFrom('document_versions').select((eb) => eb.fn.max('version').as('v'))
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
      .executeTakeFirst();
    await trx.updateTable('documents').set({ latest_version: Number(left?.v ?? 0) })
      .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name).execute();
  });
}

export async function deleteDocumentRows(db: Q, scope: Scope, name: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['documents', 'document_versions', 'document_permissions', 'document_tags'] as const) {
      await trx.deleteFrom(table).where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name).execute();
    }
  });
}

export async function tagsOf(db: Q, scope: Scope, name: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('document_tags').select(['tag_key', 'tag_value'])
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .orderBy('tag_key').execute();
  return Object.fromEntries(rows.map((r) => [r.tag_key, r.tag_value]));
}

export async function permissionsOf(db: Q, scope: Scope, name: string): Promise<PermissionRow[]> {
  return db.selectFrom('document_permissions').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
    .orderBy('shared_with').execute();
}

/** Documents of other accounts shared with `accountId` (or with everyone, 'all'). */
export async function sharedWith(db: Q, region: string, accountIds: string[]): Promise<PermissionRow[]> {
  return db.selectFrom('document_permissions').selectAll()
    .where('region', '=', region).where('shared_with', 'in', accountIds).execute();
}

/** The permission that lets `reader` see a document, if any: its own account first, then public. */
export async function permissionFor(db: Q, owner: Scope, name: string, reader: string): Promise<PermissionRow | undefined> {
  const rows = await db.selectFrom('document_permissions').selectAll()
    .where('account_id', '=', owner.accountId).where('region', '=', owner.region).where('name', '=', name)
    .where('shared_with', 'in', [reader, 'all']).execute();
  return rows.find((r) => r.shared_with === reader) ?? rows[0];
}

/** Every document of an account with its default version's row: ListDocuments in one query. */
export async function listWithDefaultVersions(db: Q, scope: Scope): Promise<Array<{ doc: DocumentRow; row: VersionRow }>> {
  const rows = await db.selectFrom('documents as d')
    .innerJoin('document_versions as v', (j) => j
      .onRef('v.account_id', '=', 'd.account_id').onRef('v.region', '=', 'd.region')
      .onRef('v.name', '=', 'd.name').onRef('v.version', '=', 'd.default_version'))
    .selectAll('v')
    .select(['d.document_type', 'd.target_type', 'd.display_name as doc_display_name', 'd.latest_version', 'd.default_version', 'd.last_issued_version', 'd.created_date as doc_created_date'])
    .where('d.account_id', '=', scope.accountId).where('d.region', '=', scope.region)
    .orderBy('d.name').execute();
  return rows.map((r) => ({
    doc: numbers({
      account_id: r.account_id, region: r.region, name: r.name, document_type: r.document_type, target_type: r.target_type,
      display_name: r.doc_display_name, latest_version: r.latest_version, default_version: r.default_version,
      last_issued_version: r.last_issued_version, created_date: r.doc_created_date,
    }),
    row: versionNumber({
      account_id: r.account_id, region: r.region, name: r.name, version: r.version, version_name: r.version_name, content: r.content,
      document_format: r.document_format, content_hash: r.content_hash, canonical_hash: r.canonical_hash, schema_version: r.schema_version,
      description: r.description, parameters: r.parameters, platform_types: r.platform_types, display_name: r.display_name, created_date: r.created_date,
    }),
  }));
}

/** Tags of every document of an account, by document name. */
export async function tagsByDocument(db: Q, scope: Scope): Promise<Map<string, Record<string, string>>> {
  const rows = await db.selectFrom('document_tags').selectAll()
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).orderBy('tag_key').execute();
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) out.set(r.name, { ...out.get(r.name), [r.tag_key]: r.tag_value });
  return out;
}
