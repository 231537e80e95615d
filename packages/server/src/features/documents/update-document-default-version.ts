import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { ownDocument } from './own-document';
import { badVersion, scopeOf } from './resolve';
import { documentResource } from './resources';
import { findVersion, setDefaultVersion } from './store';

async function updateDocumentDefaultVersion(input: Input<'UpdateDocumentDefaultVersion'>, ctx: RequestContext): Promise<Output<'UpdateDocumentDefaultVersion'>> {
  const doc = await ownDocument(ctx, input.Name);
  const scope = scopeOf(ctx);
  const wanted = input.DocumentVersion === '$LATEST' ? doc.latest_version : /^[1-9][0-9]*$/.test(input.DocumentVersion) ? Number(input.DocumentVersion) : NaN;
  const row = Number.isNaN(wanted) ? undefined : await findVersion(ctx.db, scope, doc.name, wanted);
  if (!row) throw badVersion();
  await setDefaultVersion(ctx.db, scope, doc.name, row.version);
  return {
    Description: { Name: doc.name, DefaultVersion: String(row.version), ...(row.version_name ? { DefaultVersionName: row.version_name } : {}) },
  };
}

export const updateDocumentDefaultVersionOperation: OperationDef<Input<'UpdateDocumentDefaultVersion'>, Output<'UpdateDocumentDefaultVersion'>> = {
  service: 'ssm',
  name: 'UpdateDocumentDefaultVersion',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: updateDocumentDefaultVersion,
};
