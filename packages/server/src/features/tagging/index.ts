import type { OperationDef } from '../../operations/types';
import { addTagsToResourceOperation } from './add-tags-to-resource';
import { listTagsForResourceOperation } from './list-tags-for-resource';
import { removeTagsFromResourceOperation } from './remove-tags-from-resource';

export { registerTaggable, taggableFor, assertUserTagKeys, type Taggable, type Tag } from './taggable';

/** The SSM tag operations, shared by every taggable resource type (see taggable.ts). */
export const taggingOperations: OperationDef[] = [addTagsToResourceOperation, listTagsForResourceOperation, removeTagsFromResourceOperation];
