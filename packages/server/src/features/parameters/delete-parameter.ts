import type { Input, Output } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { assertValidName, parameterArn } from './names';
import { removeParameter } from './remove-parameter';
import { parameterResource, scopeOf } from './resources';

async function deleteParameter(input: Input<'DeleteParameter'>, ctx: RequestContext): Promise<Output<'DeleteParameter'>> {
  assertValidName(input.Name, ctx.region, ctx.accountId, false);
  const removed = await removeParameter(ctx.db, scopeOf(ctx), input.Name, parameterArn(ctx.region, ctx.accountId, input.Name), ctx.now);
  // AWS: "Parameter <name> not found."
  if (!removed) throw new AwsError('ParameterNotFound', `Parameter ${input.Name} not found.`);
  return {};
}

export const deleteParameterOperation: OperationDef<Input<'DeleteParameter'>, Output<'DeleteParameter'>> = {
  service: 'ssm',
  name: 'DeleteParameter',
  async authorize(input, ctx) {
    return { resources: [await parameterResource(ctx, input.Name)] };
  },
  handle: deleteParameter,
};
