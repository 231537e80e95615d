import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import type { IamManagedPolicyRow, IamPolicyVersionRow } from './tables';
import { nowIso, inTransaction } from './util';

/** AWS: a managed policy keeps at most five versions. */
export const MAX_POLICY_VERSIONS = 5;

export async function listPolicyVersions(db: Db, policyId: string): Promise<IamPolicyVersionRow[]> {
  const rows = await db.selectFrom('iam_policy_versions').selectAll().where('policy_id', '=', policyId).execute();
  // Newest first, as AWS lists them; version ids compare by their number.
  return rows.sort((a, b) => Number(b.version_id.slice(1)) - Number(a.version_id.slice(1)));
}

export async function getPolicyVersion(db: Db, policy: IamManagedPolicyRow, versionId: string): Promise<IamPolicyVersionRow> {
  const row = await db.selectFrom('iam_policy_versions').selectAll()
    .where('policy_id', '=', policy.policy_id).where('version_id', '=', versionId).executeTakeFirst();
  if (!row) throw new AwsError('NoSuchEntity', `Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`, 404);
  return row;
}

/** The document of the version in force. */
export async function defaultPolicyDocument(db: Db, policy: IamManagedPolicyRow): Promise<string> {
  return (await getPolicyVersion(db, policy, policy.default_version_id)).document;
}

export async function createPolicyVersion(
  db: Db, policy: IamManagedPolicyRow, document: string, setAsDefault: boolean, now = new Date(),
): Promise<IamPolicyVersionRow> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('iam_managed_policies').select(['next_version', 'default_version_id'])
      .where('policy_id', '=', policy.policy_id).executeTakeFirstOrThrow();
    const count = await trx.selectFrom('iam_policy_versions').select('version_id').where('policy_id', '=', policy.policy_id).execute();
    if (count.length >= MAX_POLICY_VERSIONS) {
      throw new AwsError('LimitExceeded',
        `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`, 409);
    }
    const row: IamPolicyVersionRow = { policy_id: policy.policy_id, version_id: `v${current.next_version}`, document, created_at: nowIso(now) };
    await trx.insertInto('iam_policy_versions').values(row).execute();
    await trx.updateTable('iam_managed_policies')
      .set({
        next_version: current.next_version + 1,
        updated_at: row.created_at,
        default_version_id: setAsDefault ? row.version_id : current.default_version_id,
      })
      .where('policy_id', '=', policy.policy_id).execute();
    return row;
  });
}

export async function setDefaultPolicyVersion(db: Db, policy: IamManagedPolicyRow, versionId: string, now = new Date()): Promise<void> {
  await getPolicyVersion(db, policy, versionId);
  await db.updateTable('iam_managed_policies').set({ default_version_id: versionId, updated_at: nowIso(now) })
    .where('policy_id', '=', policy.policy_id).execute();
}

export async function deletePolicyVersion(db: Db, policy: IamManagedPolicyRow, versionId: string): Promise<void> {
  await getPolicyVersion(db, policy, versionId);
  if (versionId === policy.default_version_id) {
    throw new AwsError('DeleteConflict', 'Cannot delete the default version of a policy.', 409);
  }
  await db.deleteFrom('iam_policy_versions').where('policy_id', '=', policy.policy_id).where('version_id', '=', versionId).execute();
}
