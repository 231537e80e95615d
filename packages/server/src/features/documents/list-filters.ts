import { AwsError } from '../../operations/errors';
import type { DocumentVersionView } from './resolve';

/** Where a listed document comes from, as ListDocuments' Owner filter names it. */
export type OwnerClass = 'Self' | 'Amazon' | 'Private' | 'Public';

export interface Candidate {
  view: DocumentVersionView;
  ownerClass: OwnerClass;
  tags: Record<string, string>;
}

type Predicate = (c: Candidate) => boolean;

/** AWS: Owner "All" adds public documents; with no Owner filter they are left out. */
const OWNER_VALUES: Record<string, OwnerClass[]> = {
  Self: ['Self'],
  Amazon: ['Amazon'],
  Private: ['Private'],
  Public: ['Public'],
  All: ['Self', 'Amazon', 'Private', 'Public'],
  ThirdParty: [],
};
const DEFAULT_OWNERS: OwnerClass[] = ['Self', 'Amazon', 'Private'];

/**
 * ListDocuments' two filter styles in one: each filter narrows (AND), its values widen (OR).
 * Name and SearchKeyword match as "begins with" and "contains"; tag:<key> by the tag's value.
 */
export function compileDocumentFilters(
  list: Array<{ key: string; value: string }> | undefined,
  filters: Array<{ Key?: string; Values?: string[] }> | undefined,
): { owners: Set<OwnerClass>; matches: Predicate } {
  if (list?.length && filters?.length) {
    throw new AwsError('ValidationException', 'Use either Filters or DocumentFilterList in one request, not both.');
  }
  const all = [...(list ?? []).map((f) => ({ Key: f.key, Values: [f.value] })), ...(filters ?? [])];
  let owners = new Set<OwnerClass>(DEFAULT_OWNERS);
  const predicates: Predicate[] = [];
  for (const { Key: key = '', Values: values = [] } of all) {
    if (key === 'Owner') {
      const unknown = values.find((v) => !(v in OWNER_VALUES));
      if (unknown) throw new AwsError('ValidationException', `Owner filter value ${unknown} is not valid. Valid values: ${Object.keys(OWNER_VALUES).join(', ')}.`);
      owners = new Set(values.flatMap((v) => OWNER_VALUES[v]));
    } else if (key === 'Name') {
      predicates.push((c) => values.some((v) => c.view.name.startsWith(v)));
    } else if (key === 'DocumentType') {
      predicates.push((c) => values.includes(c.view.documentType));
    } else if (key === 'PlatformTypes') {
      predicates.push((c) => values.some((v) => c.view.platformTypes.includes(v)));
    } else if (key === 'SearchKeyword') {
      predicates.push((c) => values.some((v) => c.view.name.toLowerCase().includes(v.toLowerCase())));
    } else if (key === 'SchemaVersion') {
      predicates.push((c) => values.includes(c.view.schemaVersion));
    } else if (key.startsWith('tag:') && key.length > 4) {
      const tag = key.slice(4);
      predicates.push((c) => tag in c.tags && (values.length === 0 || values.includes(c.tags[tag])));
    } else {
      throw new AwsError('InvalidFilterKey', `The filter key ${key} is not valid. Valid keys: Owner, Name, DocumentType, PlatformTypes, SchemaVersion, SearchKeyword, tag:<key>.`);
    }
  }
  return { owners, matches: (c) => owners.has(c.ownerClass) && predicates.every((p) => p(c)) };
}
