import type { Input, Output, SsmTypes } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import type { OperationDef, RequestContext } from '../../operations/types';
import { nameOfReference, resolveReference, toParameter } from './parameter-view';
import { parameterResource } from './resources';

/**
 * Up to 10 names at once. AWS: names that do not exist (or whose version/label does not)
 * come back in InvalidParameters instead of failing the call; a malformed name still fails it.
 */
async function getParameters(input: Input<'GetParameters'>, ctx: RequestContext): Promise<Output<'GetParameters'>> {
  const parameters: SsmTypes.Parameter[] = [];
  const invalid: string[] = [];
  for (const reference of [...new Set(input.Names)]) {
    let found;
    try {
      found = await resolveReference(ctx, reference);
    } catch (error) {
      if (error instanceof AwsError && (error.code === 'ParameterNotFound' || error.code === 'ParameterVersionNotFound')) {
        invalid.push(reference);
        continue;
      }
      throw error;
    }
    parameters.push(await toParameter(ctx, found.row, input.WithDecryption === true, found.selector));
  }
  return { Parameters: parameters, InvalidParameters: invalid };
}

export const getParametersOperation: OperationDef<Input<'GetParameters'>, Output<'GetParameters'>> = {
  service: 'ssm',
  name: 'GetParameters',
  async authorize(input, ctx) {
    // AWS: every named parameter must be allowed, or the whole call is refused.
    return { resources: await Promise.all([...new Set(input.Names.map(nameOfReference))].map((n) => parameterResource(ctx, n))) };
  },
  handle: getParameters,
};
