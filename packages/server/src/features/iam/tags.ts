import type { IamTypes } from '@bosun/protocol';
import type { ContextValue } from '../../operations/types';
import { AwsError } from '../../operations/errors';
import { assertDistinctTagKeys, MAX_TAGS } from '../../iam/store/tags';

export { requestTagContext } from '../../iam/policy/index';

/** aws:TagKeys for untagging calls. */
export const tagKeysContext = (keys: string[]): Record<string, ContextValue> => ({ 'aws:TagKeys': keys });

/** The checks IAM makes on tags before any is stored. */
export function checkTags(tags: IamTypes.Tag[] | undefined): IamTypes.Tag[] {
  const list = tags ?? [];
  if (list.length > MAX_TAGS) throw new AwsError('LimitExceeded', `The number of tags has reached the maximum limit of ${MAX_TAGS}.`, 409);
  assertDistinctTagKeys(list);
  for (const tag of list) {
    // AWS: the aws: prefix is reserved for AWS's own tags.
    if (tag.Key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidInput', 'The tag key must not begin with aws:');
  }
  return list;
}
