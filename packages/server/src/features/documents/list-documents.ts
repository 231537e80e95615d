import type { Input, Output } from '@bosun/protocol';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import type { OperationDef, RequestContext } from '../../operations/types';
import { allBuiltins } from './builtins/index';
import { compileDocumentFilters, type Candidate } from './list-filters';
import { documentArn } from './names';
import { builtinView, readDocumentVersion, scopeOf, versionView } from './resolve';
import { listWithDefaultVersions, sharedWith, tagsByDocument } from './store';
import { toIdentifier } from './view';

/** Listing order and paging position: name, then owner (a shared document may share a name with one's own). */
const keyOf = (c: Candidate) => `${c.view.name}\u0000${c.view.owner}`;

async function candidates(ctx: RequestContext, wanted: Set<string>): Promise<Candidate[]> {
  const out: Candidate[] = [];
  if (wanted.has('Self')) {
    const scope = scopeOf(ctx);
    const tags = await tagsByDocument(ctx.db, scope);
    for (const { doc, row } of await listWithDefaultVersions(ctx.db, scope)) {
      out.push({ view: versionView(ctx, doc, row, row.version_name), ownerClass: 'Self', tags: tags.get(doc.name) ?? {} });
    }
  }
  if (wanted.has('Amazon')) out.push(...allBuiltins().map((b) => ({ view: builtinView(ctx, b), ownerClass: 'Amazon' as const, tags: {} })));
  if (wanted.has('Private') || wanted.has('Public')) {
    const shared = (await sharedWith(ctx.db, ctx.region, [ctx.accountId, 'all'])).filter((p) => p.account_id !== ctx.accountId);
    const seen = new Set<string>();
    // A document shared with this account directly counts as Private even when it is also public.
    for (const p of shared.sort((a, b) => (a.shared_with === 'all' ? 1 : 0) - (b.shared_with === 'all' ? 1 : 0))) {
      const arn = documentArn(ctx.region, p.account_id, p.name);
      const ownerClass = p.shared_with === 'all' ? 'Public' : 'Private';
      if (seen.has(arn) || !wanted.has(ownerClass)) continue;
      seen.add(arn);
      out.push({ view: await readDocumentVersion(ctx, arn), ownerClass, tags: {} });
    }
  }
  return out;
}

async function listDocuments(input: Input<'ListDocuments'>, ctx: RequestContext): Promise<Output<'ListDocuments'>> {
  const filters = compileDocumentFilters(input.DocumentFilterList, input.Filters);
  const tokenScope = `ListDocuments:${ctx.accountId}:${ctx.region}:${JSON.stringify([input.DocumentFilterList ?? null, input.Filters ?? null])}`;
  const after = input.NextToken ? decodeNextToken<string>(input.NextToken, tokenScope) : '';
  const max = input.MaxResults ?? 50;
  const rest = (await candidates(ctx, filters.owners))
    .filter(filters.matches)
    .filter((c) => keyOf(c) > after)
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  const page = rest.slice(0, max);
  return {
    DocumentIdentifiers: page.map((c) => toIdentifier(c.view, c.tags)),
    ...(rest.length > max ? { NextToken: encodeNextToken(tokenScope, keyOf(page[page.length - 1])) } : {}),
  };
}

export const listDocumentsOperation: OperationDef<Input<'ListDocuments'>, Output<'ListDocuments'>> = {
  service: 'ssm',
  name: 'ListDocuments',
  // AWS: ListDocuments has no resource-level permissions.
  handle: listDocuments,
};
