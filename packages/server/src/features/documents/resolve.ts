import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import { findBuiltin, type BuiltinDocument } from './builtins/index';
import type { ContentFormat } from './content';
import { documentArn, parseNameOrArn } from './names';
import type { DocumentParameterSpec } from './parameter-spec';
import { findDocument, findVersion, findVersionByName, permissionFor, type DocumentRow, type Scope, type VersionRow } from './store';

/** One version of a document the caller may read, whoever owns it. */
export interface DocumentVersionView {
  name: string;
  arn: string;
  /** An account id, or "Amazon" for built-ins. */
  owner: string;
  ownerScope: Scope;
  kind: 'own' | 'shared' | 'builtin';
  documentType: string;
  targetType: string | null;
  displayName: string | null;
  createdDate: Date;
  latestVersion: number;
  defaultVersion: number;
  defaultVersionName: string | null;
  version: number;
  versionName: string | null;
  content: string;
  format: ContentFormat;
  schemaVersion: string;
  description: string | null;
  parameters: DocumentParameterSpec[];
  platformTypes: string[];
  /** For a shared document: the versions the owner shared ('$DEFAULT', '$LATEST' or '$ALL'). */
  sharedVersion?: string;
}

export const notFound = (name: string) => new AwsError('InvalidDocument', `Document with name ${name} does not exist.`);
export const badVersion = () => new AwsError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');

export const scopeOf = (ctx: RequestContext): Scope => ({ accountId: ctx.accountId, region: ctx.region });

/** The ARN IAM authorises: the owner's account for shared documents, none for built-ins. */
export function documentResourceArn(ctx: RequestContext, nameOrArn: string): string {
  const ref = parseNameOrArn(nameOrArn);
  if (ref.isArn) return documentArn(ctx.region, ref.ownerAccountId ?? '', ref.name);
  return documentArn(ctx.region, findBuiltin(ref.name) ? '' : ctx.accountId, ref.name);
}

/**
 * Finds a document by name (own or built-in) or ARN (own, shared with the caller, built-in) and
 * picks a version: a number, `$LATEST`, `$DEFAULT` (the default when none), or a VersionName.
 */
export async function readDocumentVersion(ctx: RequestContext, nameOrArn: string, version?: string, versionName?: string): Promise<DocumentVersionView> {
  const ref = parseNameOrArn(nameOrArn);
  const builtin = findBuiltin(ref.name);
  if (builtin && (!ref.isArn || ref.ownerAccountId === '')) {
    if ((version && !['1', '$LATEST', '$DEFAULT'].includes(version)) || versionName) throw badVersion();
    return builtinView(ctx, builtin);
  }
  const ownerId = ref.isArn ? ref.ownerAccountId || ctx.accountId : ctx.accountId;
  const owner: Scope = { accountId: ownerId, region: ctx.region };
  const doc = await findDocument(ctx.db, owner, ref.name);
  if (!doc) throw notFound(ref.name);
  let sharedVersion: string | undefined;
  if (ownerId !== ctx.accountId) {
    // AWS: another account's document is visible only once shared with this account (or public).
    const permission = await permissionFor(ctx.db, owner, ref.name, ctx.accountId);
    if (!permission) throw notFound(ref.name);
    sharedVersion = permission.shared_version;
  }
  const number = await pickVersion(ctx, owner, doc, version, versionName, sharedVersion);
  const row = await findVersion(ctx.db, owner, doc.name, number);
  if (!row) throw badVersion();
  const defaultRow = number === doc.default_version ? row : await findVersion(ctx.db, owner, doc.name, doc.default_version);
  const view = versionView(ctx, doc, row, defaultRow?.version_name ?? null);
  return sharedVersion ? { ...view, sharedVersion } : view;
}

/** The view of one stored version of a document owned by `doc.account_id`. */
export function versionView(ctx: RequestContext, doc: DocumentRow, row: VersionRow, defaultVersionName: string | null): DocumentVersionView {
  return {
    name: doc.name, arn: documentArn(ctx.region, doc.account_id, doc.name), owner: doc.account_id,
    ownerScope: { accountId: doc.account_id, region: doc.region },
    kind: doc.account_id === ctx.accountId ? 'own' : 'shared', documentType: doc.document_type, targetType: doc.target_type,
    displayName: row.display_name ?? doc.display_name, createdDate: new Date(doc.created_date),
    latestVersion: doc.latest_version, defaultVersion: doc.default_version, defaultVersionName,
    version: row.version, versionName: row.version_name, content: row.content, format: row.document_format as ContentFormat,
    schemaVersion: row.schema_version, description: row.description, parameters: JSON.parse(row.parameters), platformTypes: JSON.parse(row.platform_types),
  };
}

/** The built-in as a version view: owner Amazon, one version. */
export function builtinView(ctx: RequestContext, builtin: BuiltinDocument): DocumentVersionView {
  return {
    name: builtin.name, arn: documentArn(ctx.region, '', builtin.name), owner: 'Amazon', ownerScope: { accountId: '', region: ctx.region },
    kind: 'builtin', documentType: builtin.documentType, targetType: null, displayName: null, createdDate: builtin.createdDate,
    latestVersion: 1, defaultVersion: 1, defaultVersionName: null, version: 1, versionName: null, content: builtin.content, format: 'JSON',
    schemaVersion: builtin.schemaVersion, description: builtin.description ?? null, parameters: builtin.parameters, platformTypes: builtin.platformTypes,
  };
}

async function pickVersion(ctx: RequestContext, owner: Scope, doc: DocumentRow, version: string | undefined, versionName: string | undefined, sharedVersion: string | undefined): Promise<number> {
  const only = sharedOnly(doc, sharedVersion);
  let number: number;
  if (versionName !== undefined) {
    const row = await findVersionByName(ctx.db, owner, doc.name, versionName);
    if (!row || (version !== undefined && number_(doc, version) !== row.version)) throw badVersion();
    number = row.version;
  } else {
    number = version === undefined && only !== undefined ? only : number_(doc, version ?? '$DEFAULT');
  }
  if (only !== undefined && number !== only) throw badVersion();
  return number;
}

/**
 * AWS: SharedDocumentVersion $DEFAULT (the default when sharing) or $LATEST shows the other
 * account that one version only; $ALL shows every version.
 */
export function sharedOnly(doc: DocumentRow, sharedVersion: string | undefined): number | undefined {
  if (sharedVersion === '$DEFAULT') return doc.default_version;
  if (sharedVersion === '$LATEST') return doc.latest_version;
  return undefined;
}

function number_(doc: DocumentRow, version: string): number {
  if (version === '$LATEST') return doc.latest_version;
  if (version === '$DEFAULT') return doc.default_version;
  if (!/^[1-9][0-9]*$/.test(version)) throw badVersion();
  return Number(version);
}
