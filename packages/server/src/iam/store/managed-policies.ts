import { sql } from 'kysely';
import type { Db } from '../../db/index';
import { AwsError } from '../../operations/errors';
import { newUniqueId } from './ids';
import type { IamManagedPolicyRow } from './tables';
import { decodeMarker, encodeMarker, isUniqueViolation, nameKey, nowIso, pageSize, startsWith, type Page, type PageRequest, inTransaction } from './util';

/** The account id AWS-managed policies are stored under. */
export const AWS_OWNER = 'aws';

export const policyArn = (owner: string, path: string, name: string): string => `arn:aws:iam::${owner}:policy${path}${name}`;

export interface NewManagedPolicy {
  policyName: string;
  path?: string;
  description?: string;
  document: string;
  /** Fixed ids for the policies Bosun ships; random otherwise. */
  policyId?: string;
}

export async function insertManagedPolicy(db: Db, owner: string, policy: NewManagedPolicy, now = new Date()): Promise<IamManagedPolicyRow> {
  const path = policy.path ?? '/';
  const row: IamManagedPolicyRow = {
    policy_id: policy.policyId ?? newUniqueId('ANPA'),
    account_id: owner,
    policy_name: policy.policyName,
    name_key: nameKey(policy.policyName),
    path,
    arn: policyArn(owner, path, policy.policyName),
    description: policy.description ?? null,
    default_version_id: 'v1',
    next_version: 2,
    created_at: nowIso(now),
    updated_at: nowIso(now),
  };
  try {
    await inTransaction(db, async (trx) => {
      await trx.insertInto('iam_managed_policies').values(row).execute();
      await trx.insertInto('iam_policy_versions')
        .values({ policy_id: row.policy_id, version_id: 'v1', document: policy.document, created_at: row.created_at }).execute();
    });
  } catch (e) {
    // AWS: "A policy called X already exists. Duplicate names are not allowed."
    if (isUniqueViolation(e)) throw new AwsError('EntityAlreadyExists', `A policy called ${policy.policyName} already exists. Duplicate names are not allowed.`, 409);
    throw e;
  }
  return row;
}

/** A policy the account can see (its own or AWS-managed), or NoSuchEntity. */
export async function getManagedPolicy(db: Db, accountId: string, arn: string): Promise<IamManagedPolicyRow> {
  const row = await db.selectFrom('iam_managed_policies').selectAll().where('arn', '=', arn)
    .where('account_id', 'in', [accountId, AWS_OWNER]).executeTakeFirst();
  // AWS: "Policy arn:aws:iam::123456789012:policy/x does not exist or is not attachable."
  if (!row) throw new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
  return row;
}

export async function findManagedPolicyById(db: Db, policyId: string): Promise<IamManagedPolicyRow | undefined> {
  return db.selectFrom('iam_managed_policies').selectAll().where('policy_id', '=', policyId).executeTakeFirst();
}

/** How many of this account's users, groups and roles have the policy attached. */
export async function attachmentCount(db: Db, accountId: string, policyId: string): Promise<number> {
  const row = await db.selectFrom('iam_attachments').select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId).where('policy_id', '=', policyId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface PolicyListRequest extends PageRequest {
  scope?: 'All' | 'AWS' | 'Local';
  onlyAttached?: boolean;
  pathPrefix?: string;
}

export async function listManagedPolicies(db: Db, accountId: string, request: PolicyListRequest): Promise<Page<IamManagedPolicyRow>> {
  const size = pageSize(request);
  const after = decodeMarker(request.marker);
  const owners = request.scope === 'AWS' ? [AWS_OWNER] : request.scope === 'Local' ? [accountId] : [accountId, AWS_OWNER];
  let query = db.selectFrom('iam_managed_policies').selectAll().where('account_id', 'in', owners);
  if (request.pathPrefix) query = query.where(startsWith('path', request.pathPrefix));
  if (request.onlyAttached) {
    query = query.where('policy_id', 'in', db.selectFrom('iam_attachments').select('policy_id').where('account_id', '=', accountId));
  }
  if (after !== undefined) {
    const [name, id] = after.split('\u0001');
    query = query.where(sql<boolean>`(name_key > ${name} OR (name_key = ${name} AND policy_id > ${id ?? ''}))`);
  }
  const rows = await query.orderBy('name_key').orderBy('policy_id').limit(size + 1).execute();
  if (rows.length <= size) return { items: rows, isTruncated: false };
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  return { items, isTruncated: true, marker: encodeMarker(`${last.name_key}\u0001${last.policy_id}`) };
}

/** Why a policy cannot be deleted yet, in AWS's words, or undefined. */
export async function policyDeleteConflict(db: Db, policy: IamManagedPolicyRow): Promise<string | undefined> {
  if ((await attachmentCount(db, policy.account_id, policy.policy_id)) > 0) return 'Cannot delete a policy attached to entities.';
  const versions = await db.selectFrom('iam_policy_versions').select('version_id').where('policy_id', '=', policy.policy_id).execute();
  if (versions.length > 1) {
    return "This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions.";
  }
  return undefined;
}

export async function deleteManagedPolicy(db: Db, policy: IamManagedPolicyRow): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('iam_tags').where('resource_kind', '=', 'policy').where('resource_id', '=', policy.policy_id).execute();
    await trx.deleteFrom('iam_policy_versions').where('policy_id', '=', policy.policy_id).execute();
    await trx.deleteFrom('iam_managed_policies').where('policy_id', '=', policy.policy_id).execute();
  });
}
