import type { KmsInput, KmsOutput } from '@bosun/protocol';
import type { OperationDef, RequestContext } from '../../operations/types';
import { tagsOfKey } from '../../kms/tag-store';
import { keyOfRequest, onKey } from './key-access';
import { pageOf, readMarker } from './list-marker';

type In = KmsInput<'ListResourceTags'>;
type Out = KmsOutput<'ListResourceTags'>;

export async function listResourceTags(input: In, ctx: RequestContext): Promise<Out> {
  const key = await keyOfRequest(ctx, input, input.KeyId);
  const scope = `kms:ListResourceTags:${key.key_id}`;
  const after = readMarker(input.Marker, scope);
  // AWS: Limit defaults to 50, which is also the most tags a key can have.
  const limit = input.Limit ?? 50;
  const tags = Object.entries(await tagsOfKey(ctx.db, key.key_id)).filter(([k]) => after === undefined || k > after);
  const page = pageOf(tags, limit, scope, ([k]) => k);
  return {
    Tags: page.items.map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
    ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}),
    Truncated: page.Truncated,
  };
}

export const listResourceTagsOperation: OperationDef<In, Out> = {
  service: 'kms',
  name: 'ListResourceTags',
  authorize: (input, ctx) => onKey(ctx, input, input.KeyId),
  handle: listResourceTags,
};
