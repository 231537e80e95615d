import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { assertUserTagKeys } from '../tagging/index';
import { assertCreatableName, documentArn } from './names';
import { readDocumentVersion, scopeOf } from './resolve';
import { requestTagContext } from './resources';
import { findDocument, insertDocument } from './store';
import { MAX_TAGS_PER_DOCUMENT, replaceTags } from './tagging';
import { newVersion } from './version-input';
import { toDescription } from './view';

async function createDocument(input: Input<'CreateDocument'>, ctx: RequestContext): Promise<Output<'CreateDocument'>> {
  assertCreatableName(input.Name);
  const scope = scopeOf(ctx);
  const tags = input.Tags ?? [];
  assertUserTagKeys(tags.map((t) => t.Key));
  if (tags.length > MAX_TAGS_PER_DOCUMENT) throw new AwsError('TooManyTagsError', `A document can have at most ${MAX_TAGS_PER_DOCUMENT} tags.`);
  const documentType = input.DocumentType ?? 'Command';
  const first = newVersion(ctx, documentType, input);
  if (await findDocument(ctx.db, scope, input.Name)) throw alreadyExists(input.Name);
  try {
    await insertDocument(ctx.db, scope, {
      name: input.Name,
      document_type: documentType,
      target_type: input.TargetType ?? null,
      display_name: input.DisplayName ?? null,
      latest_version: 1,
      default_version: 1,
      last_issued_version: 1,
      created_date: ctx.now.toISOString(),
    }, first);
  } catch (e) {
    // Two creates racing: the primary key lets one win; the other sees what AWS answers.
    if (await findDocument(ctx.db, scope, input.Name)) throw alreadyExists(input.Name);
    throw e;
  }
  if (tags.length > 0) await replaceTags(ctx.db, scope, input.Name, tags);
  const view = await readDocumentVersion(ctx, input.Name, '1');
  return { DocumentDescription: toDescription(view, Object.fromEntries(tags.map((t) => [t.Key, t.Value]))) };
}

const alreadyExists = (name: string) => new AwsError('DocumentAlreadyExists', `Document with same name ${name} already exists.`);

export const createDocumentOperation: OperationDef<Input<'CreateDocument'>, Output<'CreateDocument'>> = {
  service: 'ssm',
  name: 'CreateDocument',
  authorize: (input, ctx) => ({
    resources: [documentArn(ctx.region, ctx.accountId, input.Name)],
    context: requestTagContext(input.Tags),
  }),
  handle: createDocument,
};
