import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { keyOfRequest, onKey } from './key-access';
import { toKeyMetadata } from './key-metadata';

type In = KmsInput<'DescribeKey'>;
type Out = KmsOutput<'DescribeKey'>;

export async function describeKey(input: In, ctx: RequestContext): Promise<Out> {
  return { KeyMetadata: toKeyMetadata(await keyOfRequest(ctx, input, input.KeyId)) };
}

export const describeKeyOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'DescribeKey',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: describeKey,
};
