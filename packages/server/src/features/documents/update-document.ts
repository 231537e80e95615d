import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { ownDocument } from './own-document';
import { readDocumentVersion, scopeOf } from './resolve';
import { documentResource } from './resources';
import { appendVersion, tagsOf } from './store';
import { newVersion } from './version-input';
import { toDescription } from './view';

/** AWS: a document keeps at most 1,000 versions. */
export const MAX_VERSIONS = 1000;

async function updateDocument(input: Input<'UpdateDocument'>, ctx: RequestContext): Promise<Output<'UpdateDocument'>> {
  const doc = await ownDocument(ctx, input.Name);
  const version = newVersion(ctx, doc.document_type, { ...input, DisplayName: input.DisplayName ?? doc.display_name ?? undefined });
  const scope = scopeOf(ctx);
  const number = await appendVersion(ctx.db, scope, doc.name, version, (current, versions) => {
    // AWS: only the latest version can be updated (by its number or $LATEST).
    if (input.DocumentVersion !== undefined && input.DocumentVersion !== '$LATEST' && input.DocumentVersion !== String(current.latest_version)) {
      throw new AwsError('InvalidDocumentVersion', `Only the latest version of a document can be updated: give DocumentVersion $LATEST or ${current.latest_version}.`);
    }
    const same = versions.find((v) => v.canonical_hash === version.canonical_hash);
    if (same) {
      throw new AwsError('DuplicateDocumentContent', `The content of the document matches version ${same.version} of ${doc.name}. Change the content of the document and try again.`);
    }
    if (version.version_name !== null && versions.some((v) => v.version_name === version.version_name)) {
      throw new AwsError('DuplicateDocumentVersionName', `The version name ${version.version_name} has already been used in this document. Specify a different version name, and then try again.`);
    }
    if (versions.length >= MAX_VERSIONS) {
      throw new AwsError('DocumentVersionLimitExceeded', `The document has reached the limit of ${MAX_VERSIONS} versions. Delete a version before creating a new one.`);
    }
  });
  const view = await readDocumentVersion(ctx, doc.name, String(number));
  return { DocumentDescription: toDescription(view, await tagsOf(ctx.db, scope, doc.name)) };
}

export const updateDocumentOperation: OperationDef<Input<'UpdateDocument'>, Output<'UpdateDocument'>> = {
  service: 'ssm',
  name: 'UpdateDocument',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: updateDocument,
};
