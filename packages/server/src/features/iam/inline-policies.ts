/** Inline policies of users, groups and roles: the rules the Put/Get/List/Delete*Policy calls share. */
import type { RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import type { Db } from '../../db/index';
import { deleteInlinePolicy, getInlinePolicy, listInlinePolicyNames, putInlinePolicy, type PolicyOwner } from '../../iam/store/inline-policies';
import type { PageRequest } from '../../iam/store/util';
import { checkPolicyDocument } from './policy-text';
import { encodeDocument, pageMembers } from './views';

/** AWS: the inline policies of one identity together may hold this many characters, whitespace not counted. */
const AGGREGATE_LIMIT = { user: 2048, group: 5120, role: 10240 } as const;

const weight = (document: string) => document.replace(/\s/g, '').length;

async function checkAggregateSize(db: Db, owner: PolicyOwner, policyName: string, document: string): Promise<void> {
  const others = await db.selectFrom('iam_inline_policies').select(['policy_name', 'document'])
    .where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).execute();
  const total = others.filter((p) => p.policy_name !== policyName).reduce((sum, p) => sum + weight(p.document), weight(document));
  const limit = AGGREGATE_LIMIT[owner.kind];
  if (total > limit) {
    throw new AwsError('LimitExceeded', `Maximum policy size of ${limit} bytes exceeded for ${owner.kind} ${owner.name}`, 409);
  }
}

export async function putInline(ctx: RequestContext, owner: PolicyOwner, policyName: string, document: string): Promise<Record<string, never>> {
  checkPolicyDocument(document);
  await checkAggregateSize(ctx.db, owner, policyName, document);
  await putInlinePolicy(ctx.db, owner, policyName, document);
  return {};
}

export async function getInline(ctx: RequestContext, owner: PolicyOwner, policyName: string) {
  const row = await getInlinePolicy(ctx.db, owner, policyName);
  return { PolicyName: row.policy_name, PolicyDocument: encodeDocument(row.document) };
}

export async function listInline(ctx: RequestContext, owner: PolicyOwner, request: PageRequest) {
  const page = await listInlinePolicyNames(ctx.db, owner, request);
  return { PolicyNames: page.items, ...pageMembers(page) };
}

export async function deleteInline(ctx: RequestContext, owner: PolicyOwner, policyName: string): Promise<Record<string, never>> {
  await deleteInlinePolicy(ctx.db, owner, policyName);
  return {};
}
