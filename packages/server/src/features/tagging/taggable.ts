import { AwsError } from '../../operations/errors';
import type { RequestContext, ResourceRef } from '../../operations/types';

export interface Tag {
  Key: string;
  Value: string;
}

/**
 * One taggable SSM resource type. AddTagsToResource, ListTagsForResource and
 * RemoveTagsFromResource are shared by all of them; each room that owns a type supplies this.
 */
export interface Taggable {
  /** The resource as IAM sees it (ARN and, for aws:ResourceTag/*, its tags). */
  resource(ctx: RequestContext, id: string): Promise<ResourceRef>;
  list(ctx: RequestContext, id: string): Promise<Tag[]>;
  /** Adds or overwrites; AWS's InvalidResourceId for an unknown id, TooManyTagsError past the limit. */
  add(ctx: RequestContext, id: string, tags: Tag[]): Promise<void>;
  /** AWS: keys the resource does not carry are ignored. */
  remove(ctx: RequestContext, id: string, keys: string[]): Promise<void>;
}

const types = new Map<string, Taggable>();

export function registerTaggable(resourceType: string, taggable: Taggable): void {
  types.set(resourceType, taggable);
}

export function taggableFor(resourceType: string): Taggable {
  const found = types.get(resourceType);
  if (!found) {
    throw new AwsError('InvalidResourceType', `The resource type ${resourceType} is not supported for tagging by this Bosun server yet.`);
  }
  return found;
}

/** AWS: keys starting with aws: are reserved for tags AWS itself sets. */
export function assertUserTagKeys(keys: string[]): void {
  for (const key of keys) {
    if (/^aws:/i.test(key)) throw new AwsError('InvalidTag', 'Tag keys beginning with aws: are reserved. Specify a different tag key and try again.');
  }
}
