import { AwsError } from '../../operations/errors';
import type { Db } from '../../db/index';
import { parentPath } from './names';
import { emitParameterChange } from './parameter-events';
import { findParameter, type Scope } from './store';
import type { ParameterVersionsTable } from './tables';
import { withParameterLock } from './write-lock';

/** Parameter Store keeps this many versions; the oldest goes when a new one comes. */
export const MAX_VERSIONS = 100;
// AWS: per account and region.
export const MAX_STANDARD_PARAMETERS = 10_000;
export const MAX_ADVANCED_PARAMETERS = 100_000;

export type NewVersion = Omit<ParameterVersionsTable, 'account_id' | 'region' | 'version'>;

/**
 * Writes the next version of a parameter in one transaction that holds its row: checks
 * Overwrite, the account's parameter limit and the 100-version window, inserts the version,
 * moves the parameter row, adds tags on create and emits the change event.
 */
export async function writeParameterVersion(
  db: Db,
  scope: Scope,
  arn: string,
  next: NewVersion,
  options: { overwrite: boolean; tags: Array<{ Key: string; Value: string }>; now: Date },
): Promise<number> {
  return withParameterLock(db, scope, next.name, async (trx) => {
    const current = await findParameter(trx, scope, next.name);
    if (current && !options.overwrite) {
      throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    }
    if (current && current.type !== next.type) {
      throw new AwsError('HierarchyTypeMismatchException', `The parameter type can't be changed from ${current.type} to ${next.type}. You must create a new, unique parameter.`);
    }
    if (!current) await assertUnderParameterLimit(trx as unknown as Db, scope, next.tier);
    const version = (current?.version ?? 0) + 1;
    const key = { account_id: scope.accountId, region: scope.region, name: next.name };
    if (version > MAX_VERSIONS) {
      const oldest = version - MAX_VERSIONS;
      const label = await trx.selectFrom('parameter_labels').select('label')
        .where('account_id', '=', scope.accountId).where('region', '=', scope.region)
        .where('name', '=', next.name).where('version', '=', oldest)
        .executeTakeFirst();
      if (label) {
        throw new AwsError(
          'ParameterMaxVersionLimitExceeded',
          `You attempted to create a new version of ${next.name} by calling the PutParameter API with the overwrite flag. Version ${oldest}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
        );
      }
      await trx.deleteFrom('parameter_versions')
        .where('account_id', '=', scope.accountId).where('region', '=', scope.region)
        .where('name', '=', next.name).where('version', '<=', oldest)
        .execute();
    }
    await trx.insertInto('parameter_versions').values({ ...key, version, ...next }).execute();
    const row = {
      parent_path: parentPath(next.name),
      version,
      type: next.type,
      key_id: next.key_id,
      tier: next.tier,
      data_type: next.data_type,
      description: next.description,
      allowed_pattern: next.allowed_pattern,
      policies: next.policies,
      last_modified_date: next.last_modified_date,
      last_modified_user: next.last_modified_user,
      no_change_notified_at: null,
    };
    if (current) {
      await trx.updateTable('parameters').set(row)
        .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', next.name)
        .execute();
    } else {
      await trx.insertInto('parameters').values({ ...key, ...row }).execute();
      if (options.tags.length > 0) {
        await trx.insertInto('parameter_tags').values(options.tags.map((t) => ({ ...key, tag_key: t.Key, tag_value: t.Value }))).execute();
      }
    }
    await emitParameterChange(trx, scope, arn, {
      operation: current ? 'Update' : 'Create', name: next.name, type: next.type, description: next.description,
    }, options.now);
    return version;
  });
}

async function assertUnderParameterLimit(db: Db, scope: Scope, tier: string): Promise<void> {
  const limit = tier === 'Advanced' ? MAX_ADVANCED_PARAMETERS : MAX_STANDARD_PARAMETERS;
  const row = await db.selectFrom('parameters').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('tier', '=', tier)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= limit) {
    throw new AwsError('ParameterLimitExceeded', 'You have exceeded the number of parameters for this AWS account. Delete unnecessary parameters and try again.');
  }
}
