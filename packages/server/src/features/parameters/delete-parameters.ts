import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { assertValidName, parameterArn } from './names';
import { removeParameter } from './remove-parameter';
import { parameterResource, scopeOf } from './resources';

/** Up to 10 at once. AWS: names that do not exist (or are malformed) come back in InvalidParameters. */
async function deleteParameters(input: Input<'DeleteParameters'>, ctx: RequestContext): Promise<Output<'DeleteParameters'>> {
  const deleted: string[] = [];
  const invalid: string[] = [];
  for (const name of [...new Set(input.Names)]) {
    let ok = false;
    try {
      assertValidName(name, ctx.region, ctx.accountId, false);
      ok = await removeParameter(ctx.db, scopeOf(ctx), name, parameterArn(ctx.region, ctx.accountId, name), ctx.now);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ValidationException') throw error;
    }
    (ok ? deleted : invalid).push(name);
  }
  return { DeletedParameters: deleted, InvalidParameters: invalid };
}

export const deleteParametersOperation: OperationDef<Input<'DeleteParameters'>, Output<'DeleteParameters'>> = {
  service: 'ssm',
  name: 'DeleteParameters',
  async authorize(input, ctx) {
    return { action: 'ssm:DeleteParameters', resources: await Promise.all([...new Set(input.Names)].map((n) => parameterResource(ctx, n))) };
  },
  handle: deleteParameters,
};
