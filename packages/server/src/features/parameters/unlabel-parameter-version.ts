import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { assertValidName } from './names';
import { parameterResource, scopeOf } from './resources';
import { findParameter, findVersion } from './store';
import { withParameterLock } from './write-lock';

/** Removes labels from one version. AWS: labels not on that version come back in InvalidLabels. */
async function unlabelParameterVersion(input: Input<'UnlabelParameterVersion'>, ctx: RequestContext): Promise<Output<'UnlabelParameterVersion'>> {
  assertValidName(input.Name, ctx.region, ctx.accountId, false);
  const scope = scopeOf(ctx);
  const version = Number(input.ParameterVersion);
  return withParameterLock(ctx.db, scope, input.Name, async (trx) => {
    if (!(await findParameter(trx, scope, input.Name))) throw new AwsError('ParameterNotFound', '');
    if (!(await findVersion(trx, scope, input.Name, version))) {
      throw new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${input.Name}. Verify the version and try again.`);
    }
    const removed: string[] = [];
    const invalid: string[] = [];
    for (const label of [...new Set(input.Labels)]) {
      const result = await trx.deleteFrom('parameter_labels')
        .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', input.Name)
        .where('label', '=', label).where('version', '=', version)
        .executeTakeFirst();
      (Number(result.numDeletedRows) > 0 ? removed : invalid).push(label);
    }
    return { RemovedLabels: removed, InvalidLabels: invalid };
  });
}

export const unlabelParameterVersionOperation: OperationDef<Input<'UnlabelParameterVersion'>, Output<'UnlabelParameterVersion'>> = {
  service: 'ssm',
  name: 'UnlabelParameterVersion',
  async authorize(input, ctx) {
    return { resources: [await parameterResource(ctx, input.Name)] };
  },
  handle: unlabelParameterVersion,
};
