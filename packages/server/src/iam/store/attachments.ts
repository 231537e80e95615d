import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import type { PolicyOwner } from './inline-policies';
import type { IdentityKind, IamManagedPolicyRow } from './tables';
import { decodeMarker, pageSize, startsWith, toPage, type Page, type PageRequest, inTransaction } from './util';

/** AWS: ten managed policies per user, group or role by default. */
export const ATTACHED_POLICIES_PER_IDENTITY = 10;

const quotaName: Record<IdentityKind, string> = {
  user: 'PoliciesPerUser', group: 'PoliciesPerGroup', role: 'PoliciesPerRole',
};

export async function attachPolicy(db: Db, owner: PolicyOwner, policy: IamManagedPolicyRow): Promise<void> {
  await inTransaction(db, async (trx) => {
    const attached = await trx.selectFrom('iam_attachments').select('policy_id')
      .where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).execute();
    // AWS: attaching a policy that is already attached succeeds and changes nothing.
    if (attached.some((a) => a.policy_id === policy.policy_id)) return;
    if (attached.length >= ATTACHED_POLICIES_PER_IDENTITY) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for ${quotaName[owner.kind]}: ${ATTACHED_POLICIES_PER_IDENTITY}`, 409);
    }
    await trx.insertInto('iam_attachments')
      .values({ account_id: owner.accountId, owner_kind: owner.kind, owner_id: owner.id, policy_id: policy.policy_id }).execute();
  });
}

export async function detachPolicy(db: Db, owner: PolicyOwner, policy: IamManagedPolicyRow): Promise<void> {
  const result = await db.deleteFrom('iam_attachments')
    .where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).where('policy_id', '=', policy.policy_id).executeTakeFirst();
  // AWS: "Policy arn:… was not found." when it was not attached.
  if (Number(result.numDeletedRows) === 0) throw new AwsError('NoSuchEntity', `Policy ${policy.arn} was not found.`, 404);
}

export async function listAttachedPolicies(
  db: Db, owner: PolicyOwner, request: PageRequest & { pathPrefix?: string },
): Promise<Page<IamManagedPolicyRow>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  let query = db.selectFrom('iam_managed_policies')
    .innerJoin('iam_attachments', 'iam_attachments.policy_id', 'iam_managed_policies.policy_id')
    .selectAll('iam_managed_policies')
    .where('iam_attachments.owner_kind', '=', owner.kind).where('iam_attachments.owner_id', '=', owner.id);
  if (request.pathPrefix) query = query.where(startsWith('iam_managed_policies.path', request.pathPrefix));
  if (after !== undefined) query = query.where('iam_managed_policies.arn', '>', after);
  const rows = await query.orderBy('iam_managed_policies.arn').limit(size + 1).execute();
  return toPage(rows, size, (r) => r.arn);
}

/** The default-version documents of every managed policy attached to the given owners. */
export async function attachedDocumentsOf(db: Db, kind: IdentityKind, ownerIds: string[]): Promise<string[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db.selectFrom('iam_attachments')
    .innerJoin('iam_managed_policies', 'iam_managed_policies.policy_id', 'iam_attachments.policy_id')
    .innerJoin('iam_policy_versions', (join) => join
      .onRef('iam_policy_versions.policy_id', '=', 'iam_managed_policies.policy_id')
      .onRef('iam_policy_versions.version_id', '=', 'iam_managed_policies.default_version_id'))
    .select('iam_policy_versions.document')
    .where('iam_attachments.owner_kind', '=', kind).where('iam_attachments.owner_id', 'in', ownerIds)
    .orderBy('iam_managed_policies.arn').execute();
  return rows.map((r) => r.document);
}

/** Every user, group and role of the account the policy is attached to, by kind. */
export async function attachedEntities(db: Db, accountId: string, policyId: string) {
  const of = (kind: IdentityKind) => db.selectFrom('iam_attachments').select('owner_id')
    .where('account_id', '=', accountId).where('policy_id', '=', policyId).where('owner_kind', '=', kind);
  const [users, groups, roles] = await Promise.all([
    db.selectFrom('iam_users').selectAll().where('user_id', 'in', of('user')).orderBy('name_key').execute(),
    db.selectFrom('iam_groups').selectAll().where('group_id', 'in', of('group')).orderBy('name_key').execute(),
    db.selectFrom('iam_roles').selectAll().where('role_id', 'in', of('role')).orderBy('name_key').execute(),
  ]);
  return { users, groups, roles };
}
