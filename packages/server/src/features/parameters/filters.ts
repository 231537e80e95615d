import type { SsmTypes } from '@bosun/protocol';
import { AwsError } from '../../operations/errors';
import { normalisePath } from './names';
import type { ParameterRow } from './store';

/**
 * ParameterFilters (and DescribeParameters' older Filters), checked as AWS checks them and
 * compiled into a path scope for the query plus a predicate for the rest.
 */
export interface CompiledFilters {
  /** Path filter / GetParametersByPath: which part of the hierarchy to read. */
  path?: { path: string; recursive: boolean };
  needsTags: boolean;
  needsLabels: boolean;
  matches(row: ParameterRow, tags: Record<string, string>, labels: string[]): boolean;
}

type Predicate = CompiledFilters['matches'];
type Mode = 'describe' | 'by-path';

const DESCRIBE_KEYS = ['Name', 'Type', 'KeyId', 'Path', 'Label', 'Tier', 'DataType'];
// AWS: GetParametersByPath takes only these (and tag:…); its path is given separately.
const BY_PATH_KEYS = ['Type', 'KeyId', 'Label', 'DataType'];

function invalidKey(key: string, mode: Mode): AwsError {
  const keys = mode === 'by-path' ? BY_PATH_KEYS : DESCRIBE_KEYS;
  return new AwsError('InvalidFilterKey', `The following filter key is not valid: ${key}. Valid filter keys include: [${keys.join(', ')}, tag:<key>].`);
}

function stringTest(option: string, values: string[]): (v: string | null | undefined) => boolean {
  return (v) => v != null && values.some((want) =>
    option === 'Equals' ? v === want : option === 'BeginsWith' ? v.startsWith(want) : v.includes(want));
}

export function compileFilters(filters: SsmTypes.ParameterStringFilter[] = [], mode: Mode): CompiledFilters {
  const predicates: Predicate[] = [];
  const out: CompiledFilters = { needsTags: false, needsLabels: false, matches: () => true };
  const seen = new Set<string>();
  for (const f of filters) {
    const key = f.Key;
    const isTag = key.startsWith('tag:');
    if (!isTag && !(mode === 'by-path' ? BY_PATH_KEYS : DESCRIBE_KEYS).includes(key)) throw invalidKey(key, mode);
    // AWS: one filter per key.
    if (seen.has(key)) throw new AwsError('InvalidFilterKey', `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`);
    seen.add(key);
    const values = f.Values ?? [];
    if (key === 'Path') {
      const option = f.Option ?? 'OneLevel';
      if (option !== 'OneLevel' && option !== 'Recursive') throw new AwsError('InvalidFilterOption', 'The following filter option is not valid: ' + option + '. Valid options include: [Recursive, OneLevel].');
      if (values.length !== 1) throw new AwsError('InvalidFilterValue', 'The Path filter takes exactly one value.');
      out.path = { path: normalisePath(values[0]), recursive: option === 'Recursive' };
      continue;
    }
    const option = f.Option ?? 'Equals';
    const allowed = key === 'Label' ? ['Equals'] : key === 'Name' && mode === 'describe' ? ['Equals', 'BeginsWith', 'Contains'] : ['Equals', 'BeginsWith'];
    if (!allowed.includes(option)) {
      throw new AwsError('InvalidFilterOption', `The following filter option is not valid: ${option}. Valid options include: [${allowed.join(', ')}].`);
    }
    if (!isTag && values.length === 0) throw new AwsError('InvalidFilterValue', `The following filter values are missing : null for filter key ${key}.`);
    const test = stringTest(option, values);
    if (key === 'Type') {
      for (const v of values) if (!['String', 'StringList', 'SecureString'].includes(v)) throw new AwsError('InvalidFilterValue', `The following filter value is not valid: ${v}. Valid values include: [String, StringList, SecureString].`);
      predicates.push((row) => test(row.type));
    } else if (key === 'Tier') {
      for (const v of values) if (!['Standard', 'Advanced'].includes(v)) throw new AwsError('InvalidFilterValue', `The following filter value is not valid: ${v}. Valid values include: [Standard, Advanced].`);
      predicates.push((row) => test(row.tier));
    } else if (key === 'Name') {
      // AWS: a Name filter matches with or without the leading slash of a /-rooted name.
      predicates.push((row) => test(row.name) || (row.name.startsWith('/') && test(row.name.slice(1))));
    } else if (key === 'KeyId') predicates.push((row) => test(row.key_id));
    else if (key === 'DataType') predicates.push((row) => test(row.data_type));
    else if (key === 'Label') {
      out.needsLabels = true;
      predicates.push((_row, _tags, labels) => labels.some((l) => test(l)));
    } else {
      const tagKey = key.slice(4);
      out.needsTags = true;
      predicates.push((_row, tags) => tagKey in tags && (values.length === 0 || test(tags[tagKey])));
    }
  }
  out.matches = (row, tags, labels) => predicates.every((p) => p(row, tags, labels));
  return out;
}

/** DescribeParameters' deprecated Filters, as ParameterFilters. AWS: Name there means BeginsWith. */
export function fromLegacyFilters(filters: SsmTypes.ParametersFilter[] = []): SsmTypes.ParameterStringFilter[] {
  return filters.map((f) => ({ Key: f.Key, Option: f.Key === 'Name' ? 'BeginsWith' : 'Equals', Values: f.Values }));
}
