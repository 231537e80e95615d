import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { readDocumentVersion } from './resolve';
import { documentResource } from './resources';
import { tagsOf } from './store';
import { toDescription } from './view';

async function describeDocument(input: Input<'DescribeDocument'>, ctx: RequestContext): Promise<Output<'DescribeDocument'>> {
  const view = await readDocumentVersion(ctx, input.Name, input.DocumentVersion, input.VersionName);
  // AWS: tags are the owner's business; a shared document is described without them.
  const tags = view.kind === 'own' ? await tagsOf(ctx.db, view.ownerScope, view.name) : {};
  return { Document: toDescription(view, tags) };
}

export const describeDocumentOperation: OperationDef<Input<'DescribeDocument'>, Output<'DescribeDocument'>> = {
  service: 'ssm',
  name: 'DescribeDocument',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: describeDocument,
};
