import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { createKeyRecord } from '../../kms/key-factory';
import { defaultKeyPolicy } from '../../kms/default-policy';
import { toKeyMetadata } from './key-metadata';
import { checkKeyPolicy } from './key-policy';
import { requestTagConditions, tagsToRecord } from './tags';

type In = KmsInput<'CreateKey'>;
type Out = KmsOutput<'CreateKey'>;

/** Bosun keeps symmetric encryption keys only; other kinds are refused plainly rather than faked. */
function checkSupported(input: In): void {
  const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (input.KeySpec && input.CustomerMasterKeySpec) {
    // AWS: the two spellings of the spec may not both be given.
    throw new AwsError('ValidationException', 'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  }
  if (spec !== 'SYMMETRIC_DEFAULT') throw new AwsError('UnsupportedOperationException', `KeySpec ${spec} is not supported by this Bosun server; only SYMMETRIC_DEFAULT keys are.`);
  if ((input.KeyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') {
    throw new AwsError('ValidationException', `KeyUsage ${input.KeyUsage} is not compatible with KeySpec SYMMETRIC_DEFAULT`);
  }
  if ((input.Origin ?? 'AWS_KMS') !== 'AWS_KMS') throw new AwsError('UnsupportedOperationException', `Origin ${input.Origin} is not supported by this Bosun server.`);
  if (input.CustomKeyStoreId) throw new AwsError('CustomKeyStoreNotFoundException', `Custom key store ${input.CustomKeyStoreId} does not exist.`);
  if (input.MultiRegion) throw new AwsError('UnsupportedOperationException', 'Multi-Region keys are not supported by this Bosun server.');
}

export async function createKey(input: In, ctx: RequestContext): Promise<Out> {
  checkSupported(input);
  const row = await createKeyRecord(ctx.db, {
    accountId: ctx.accountId,
    region: ctx.region,
    description: input.Description ?? '',
    keyManager: 'CUSTOMER',
    policy: input.Policy !== undefined ? checkKeyPolicy(input.Policy) : defaultKeyPolicy(ctx.accountId),
    tags: tagsToRecord(input.Tags),
    now: ctx.now,
  });
  return { KeyMetadata: toKeyMetadata(row) };
}

export const createKeyOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'CreateKey',
  // AWS: kms:CreateKey has no resource (the key does not exist yet); tags are request conditions.
  authorize: (input) => ({
    resources: ['*'],
    context: {
      ...requestTagConditions(input.Tags),
      'kms:KeySpec': input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
      'kms:KeyUsage': input.KeyUsage ?? 'ENCRYPT_DECRYPT',
      'kms:KeyOrigin': input.Origin ?? 'AWS_KMS',
      'kms:MultiRegion': String(input.MultiRegion ?? false),
    },
  }),
  handle: createKey,
};
