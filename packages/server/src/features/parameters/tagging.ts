import { AwsError } from '../../operations/errors';
import type { RequestContext } from '../../operations/types';
import { assertValidName } from './names';
import { scopeOf } from './resources';
import { findParameter } from './store';

/**
 * Tags on parameters, for Add/List/RemoveTagsFromResource. Those three operations are shared
 * by every taggable SSM resource type; this room answers ResourceType "Parameter" only.
 */
export const MAX_TAGS_PER_RESOURCE = 50;

export function assertParameterType(resourceType: string): void {
  if (resourceType !== 'Parameter') {
    throw new AwsError('InvalidResourceType', `The resource type ${resourceType} is not supported for tagging by this Bosun server yet.`);
  }
}

/** AWS: ResourceId for a parameter is its name; a missing one is InvalidResourceId. */
export async function assertTaggableParameter(ctx: RequestContext, name: string): Promise<void> {
  try {
    assertValidName(name, ctx.region, ctx.accountId, false);
  } catch {
    throw new AwsError('InvalidResourceId', 'The resource ID is not valid. Verify that you entered the correct ID and try again.');
  }
  if (!(await findParameter(ctx.db, scopeOf(ctx), name))) {
    throw new AwsError('InvalidResourceId', 'The resource ID is not valid. Verify that you entered the correct ID and try again.');
  }
}

export function assertUserTagKeys(keys: string[]): void {
  for (const key of keys) {
    // AWS: the aws: prefix is reserved for tags AWS itself sets.
    if (/^aws:/i.test(key)) throw new AwsError('InvalidTag', 'Tag keys beginning with aws: are reserved. Specify a different tag key and try again.');
  }
}
