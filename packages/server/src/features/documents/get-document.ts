import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { contentIn } from './content';
import { readDocumentVersion } from './resolve';
import { documentResource } from './resources';

async function getDocument(input: Input<'GetDocument'>, ctx: RequestContext): Promise<Output<'GetDocument'>> {
  const view = await readDocumentVersion(ctx, input.Name, input.DocumentVersion, input.VersionName);
  const format = input.DocumentFormat ?? view.format;
  return {
    Name: view.name,
    CreatedDate: view.createdDate,
    ...(view.displayName ? { DisplayName: view.displayName } : {}),
    ...(view.versionName ? { VersionName: view.versionName } : {}),
    DocumentVersion: String(view.version),
    Status: 'Active',
    // AWS: asking for the other format converts the content; the stored text is returned otherwise.
    Content: contentIn(view.content, view.format, format),
    DocumentType: view.documentType as Output<'GetDocument'>['DocumentType'],
    DocumentFormat: format,
  };
}

export const getDocumentOperation: OperationDef<Input<'GetDocument'>, Output<'GetDocument'>> = {
  service: 'ssm',
  name: 'GetDocument',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: getDocument,
};
