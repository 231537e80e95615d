import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { ownDocument } from './own-document';
import { readDocumentVersion, scopeOf } from './resolve';
import { documentResource } from './resources';
import { deleteDocumentRows, deleteVersion, permissionsOf } from './store';

async function deleteDocument(input: Input<'DeleteDocument'>, ctx: RequestContext): Promise<Output<'DeleteDocument'>> {
  const doc = await ownDocument(ctx, input.Name);
  const scope = scopeOf(ctx);
  if (input.DocumentVersion !== undefined || input.VersionName !== undefined) {
    const view = await readDocumentVersion(ctx, doc.name, input.DocumentVersion, input.VersionName);
    // AWS: the default version goes only with the whole document.
    if (view.version === doc.default_version) {
      throw new AwsError('InvalidDocumentOperation', `Version ${view.version} is the default version of ${doc.name}; set another default version first, or delete the whole document.`);
    }
    await deleteVersion(ctx.db, scope, doc.name, view.version);
    return {};
  }
  // AWS: a document still shared with other accounts cannot be deleted.
  if ((await permissionsOf(ctx.db, scope, doc.name)).length > 0) {
    throw new AwsError('InvalidDocumentOperation', `You attempted to delete a document while it is still shared. Stop sharing ${doc.name} (ModifyDocumentPermission with AccountIdsToRemove) before deleting it.`);
  }
  await deleteDocumentRows(ctx.db, scope, doc.name);
  return {};
}

export const deleteDocumentOperation: OperationDef<Input<'DeleteDocument'>, Output<'DeleteDocument'>> = {
  service: 'ssm',
  name: 'DeleteDocument',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: deleteDocument,
};
