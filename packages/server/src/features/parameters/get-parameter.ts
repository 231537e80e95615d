import type { Input, Output } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { nameOfReference, resolveReference, toParameter } from './parameter-view';
import { parameterResource } from './resources';

async function getParameter(input: Input<'GetParameter'>, ctx: RequestContext): Promise<Output<'GetParameter'>> {
  const { row, selector } = await resolveReference(ctx, input.Name);
  return { Parameter: await toParameter(ctx, row, input.WithDecryption === true, selector) };
}

export const getParameterOperation: OperationDef<Input<'GetParameter'>, Output<'GetParameter'>> = {
  service: 'ssm',
  name: 'GetParameter',
  async authorize(input, ctx) {
    return { resources: [await parameterResource(ctx, nameOfReference(input.Name))] };
  },
  handle: getParameter,
};
