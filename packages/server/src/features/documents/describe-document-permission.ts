import type { Input, Output } from '@bosun/protocol';
import { decodeNextToken, encodeNextToken } from '../../operations/paging';
import type { OperationDef, RequestContext } from '../../operations/types';
import { ownDocument } from './own-document';
import { scopeOf } from './resolve';
import { documentResource } from './resources';
import { permissionsOf } from './store';

async function describeDocumentPermission(input: Input<'DescribeDocumentPermission'>, ctx: RequestContext): Promise<Output<'DescribeDocumentPermission'>> {
  const doc = await ownDocument(ctx, input.Name);
  const tokenScope = `DescribeDocumentPermission:${ctx.accountId}:${ctx.region}:${doc.name}`;
  const after = input.NextToken ? decodeNextToken<string>(input.NextToken, tokenScope) : '';
  const max = input.MaxResults ?? 200;
  const rest = (await permissionsOf(ctx.db, scopeOf(ctx), doc.name)).filter((p) => p.shared_with > after);
  const page = rest.slice(0, max);
  return {
    AccountIds: page.map((p) => p.shared_with),
    AccountSharingInfoList: page.map((p) => ({ AccountId: p.shared_with, SharedDocumentVersion: p.shared_version })),
    ...(rest.length > max ? { NextToken: encodeNextToken(tokenScope, page[page.length - 1].shared_with) } : {}),
  };
}

export const describeDocumentPermissionOperation: OperationDef<Input<'DescribeDocumentPermission'>, Output<'DescribeDocumentPermission'>> = {
  service: 'ssm',
  name: 'DescribeDocumentPermission',
  async authorize(input, ctx) {
    return { resources: [await documentResource(ctx, input.Name)] };
  },
  handle: describeDocumentPermission,
};
