import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { MAX_LABELS_PER_VERSION, partitionLabels } from './labels';
import { assertValidName, parameterArn } from './names';
import { emitParameterChange } from './parameter-events';
import { parameterResource, scopeOf } from './resources';
import { findParameter, findVersion } from './store';
import { withParameterLock } from './write-lock';

/**
 * Attaches labels to one version (the newest when none is named). AWS: a label already on
 * another version moves here; invalid labels are answered back, not refused.
 */
async function labelParameterVersion(input: Input<'LabelParameterVersion'>, ctx: RequestContext): Promise<Output<'LabelParameterVersion'>> {
  assertValidName(input.Name, ctx.region, ctx.accountId, false);
  const scope = scopeOf(ctx);
  const { valid, invalid } = partitionLabels(input.Labels);
  return withParameterLock(ctx.db, scope, input.Name, async (trx) => {
    const parameter = await findParameter(trx, scope, input.Name);
    if (!parameter) throw new AwsError('ParameterNotFound', '');
    const version = input.ParameterVersion !== undefined ? Number(input.ParameterVersion) : parameter.version;
    if (!(await findVersion(trx, scope, input.Name, version))) {
      throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${input.Name}. Verify the version and try again.`);
    }
    const where = { account_id: scope.accountId, region: scope.region, name: input.Name };
    const onVersion = await trx.selectFrom('parameter_labels').select('label')
      .where('account_id', '=', where.account_id).where('region', '=', where.region).where('name', '=', where.name)
      .where('version', '=', version)
      .execute();
    const after = new Set([...onVersion.map((r) => r.label), ...valid]);
    if (after.size > MAX_LABELS_PER_VERSION) {
      throw new AwsError(
        'ParameterVersionLabelLimitExceeded',
        `A parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels. Move one or more labels to another version and try again.`,
      );
    }
    if (valid.length > 0) {
      await trx.deleteFrom('parameter_labels')
        .where('account_id', '=', where.account_id).where('region', '=', where.region).where('name', '=', where.name)
        .where('label', 'in', valid)
        .execute();
      await trx.insertInto('parameter_labels').values(valid.map((label) => ({ ...where, label, version }))).execute();
      await emitParameterChange(trx, scope, parameterArn(ctx.region, ctx.accountId, input.Name), {
        operation: 'LabelParameterVersion', name: input.Name, type: parameter.type, description: parameter.description,
      }, ctx.now);
    }
    return { InvalidLabels: invalid, ParameterVersion: version };
  });
}

export const labelParameterVersionOperation: OperationDef<Input<'LabelParameterVersion'>, Output<'LabelParameterVersion'>> = {
  service: 'ssm',
  name: 'LabelParameterVersion',
  async authorize(input, ctx) {
    return { resources: [await parameterResource(ctx, input.Name)] };
  },
  handle: labelParameterVersion,
};
