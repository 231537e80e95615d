import type { Input, Output } from '@bosun/protocol';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import type { OperationDef, RequestContext } from '../../operations/types';
import { readDocumentVersion } from './resolve';
import { documentResource } from './resources';
import { listVersions } from './store';

async function listDocumentVersions(input: Input<'ListDocumentVersions'>, ctx: RequestContext): Promise<Output<'ListDocumentVersions'>> {
  // Resolving the default version first answers InvalidDocument for unknown or unshared documents.
  const head = await readDocumentVersion(ctx, input.Name);
  const tokenScope = `ListDocumentVersions:${ctx.accountId}:${ctx.region}:${head.arn}`;
  const after = input.NextToken ? decodeNextToken<number>(input.NextToken, tokenScope) : 0;
  const max = input.MaxResults ?? 50;
  const all = head.kind === 'builtin'
    ? [{ version: 1, version_name: null, created_date: head.createdDate.toISOString(), document_format: head.format, display_name: null }]
    : await listVersions(ctx.db, head.ownerScope, head.name);
  // AWS: an account a document is shared with at $DEFAULT or $LATEST sees only that version.
  const visible = head.sharedVersion && head.sharedVersion !== '$ALL' ? all.filter((v) => v.version === head.version) : all;
  const rest = visible.filter((v) => v.version > after);
  const page = rest.slice(0, max);
  return {
    DocumentVersions: page.map((v) => ({
      Name: head.name,
      ...(v.display_name ? { DisplayName: v.display_name } : {}),
      DocumentVersion: String(v.version),
      ...(v.version_name ? { VersionName: v.version_name } : {}),
      CreatedDate: new Date(v.created_date),
      IsDefaultVersion: v.version === head.defaultVersion,
      DocumentFormat: v.document_format as 'JSON' | 'YAML' | 'TEXT',
      Status: 'Active',
    })),
    ...(rest.length > max ? { NextToken: encodeNextToken(tokenScope, page[page.length - 1].version) } : {}),
  };
}

export const listDocumentVersionsOperation: OperationDef<Input<'ListDocumentVersions'>, Output<'ListDocumentVersions'>> = {
  service: 'ssm',
  name: 'ListDocumentVersions',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: listDocumentVersions,
};
