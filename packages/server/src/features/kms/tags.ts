import type { KmsTypes } from '@bosun/protocol';
import type { ContextValue } from '../../operations/types';
import { AwsError } from '../../operations/errors';

/** Tag rules KMS applies on CreateKey and TagResource. */
export function tagsToRecord(tags: KmsTypes.Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    // AWS: the aws: prefix is reserved for tags AWS adds.
    if (tag.TagKey.toLowerCase().startsWith('aws:')) throw new AwsError('TagException', 'Tag keys beginning with aws: are reserved.');
    if (tag.TagKey in out) throw new AwsError('TagException', `Duplicate tag key: ${tag.TagKey}`);
    out[tag.TagKey] = tag.TagValue;
  }
  return out;
}

/** aws:RequestTag/<key> and aws:TagKeys, for calls that set tags. */
export function requestTagConditions(tags: KmsTypes.Tag[] | undefined): Record<string, ContextValue> {
  if (!tags?.length) return {};
  return {
    ...Object.fromEntries(tags.map((t) => [`aws:RequestTag/${t.TagKey}`, t.TagValue])),
    'aws:TagKeys': tags.map((t) => t.TagKey),
  };
}
