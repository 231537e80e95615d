import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import type { IdentityKind, IamInlinePolicyRow } from './tables';
import { decodeMarker, pageSize, toPage, type Page, type PageRequest, inTransaction } from './util';

/** Whose inline policy: a user, group or role, by its unique id. */
export interface PolicyOwner {
  kind: IdentityKind;
  id: string;
  accountId: string;
  /** For error messages: the user, group or role name. */
  name: string;
}

/** Creates or replaces (AWS: PutUserPolicy overwrites a policy of the same name). */
export async function putInlinePolicy(db: Db, owner: PolicyOwner, policyName: string, document: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('iam_inline_policies')
      .where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).where('policy_name', '=', policyName).execute();
    await trx.insertInto('iam_inline_policies')
      .values({ account_id: owner.accountId, owner_kind: owner.kind, owner_id: owner.id, policy_name: policyName, document }).execute();
  });
}

export async function getInlinePolicy(db: Db, owner: PolicyOwner, policyName: string): Promise<IamInlinePolicyRow> {
  const row = await db.selectFrom('iam_inline_policies').selectAll()
    .where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).where('policy_name', '=', policyName).executeTakeFirst();
  // AWS: "The user policy with name X cannot be found."
  if (!row) throw new AwsError('NoSuchEntity', `The ${owner.kind} policy with name ${policyName} cannot be found.`, 404);
  return row;
}

export async function listInlinePolicyNames(db: Db, owner: PolicyOwner, request: PageRequest): Promise<Page<string>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  let query = db.selectFrom('iam_inline_policies').select('policy_name')
    .where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id);
  if (after !== undefined) query = query.where('policy_name', '>', after);
  const rows = await query.orderBy('policy_name').limit(size + 1).execute();
  return toPage(rows.map((r) => r.policy_name), size, (name) => name);
}

export async function deleteInlinePolicy(db: Db, owner: PolicyOwner, policyName: string): Promise<void> {
  await getInlinePolicy(db, owner, policyName);
  await db.deleteFrom('iam_inline_policies')
    .where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).where('policy_name', '=', policyName).execute();
}

/** Every inline document of the given owners, for policy resolution. */
export async function inlineDocumentsOf(db: Db, kind: IdentityKind, ownerIds: string[]): Promise<string[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db.selectFrom('iam_inline_policies').select('document')
    .where('owner_kind', '=', kind).where('owner_id', 'in', ownerIds).orderBy('policy_name').execute();
  return rows.map((r) => r.document);
}
