import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import { findBuiltin } from './builtins/index';
import { notFound, scopeOf } from './resolve';
import { findDocument, type DocumentRow } from './store';

/** The caller's own document, for calls that change one: built-ins and shared documents are read-only. */
export async function ownDocument(ctx: RequestContext, name: string): Promise<DocumentRow> {
  if (findBuiltin(name)) {
    throw new AwsError('InvalidDocumentOperation', `Document ${name} is owned by Amazon and cannot be changed. Create your own document instead.`);
  }
  const doc = await findDocument(ctx.db, scopeOf(ctx), name);
  if (!doc) throw notFound(name);
  return doc;
}
