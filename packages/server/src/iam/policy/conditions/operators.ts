/** Condition operator names, and how a written operator splits into set qualifier, base and IfExists. */

export const BASE_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress',
  'ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike', 'Null',
] as const;

export type BaseOperator = (typeof BASE_OPERATORS)[number];
export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface ParsedOperator {
  base: BaseOperator;
  qualifier?: SetQualifier;
  ifExists: boolean;
}

const BASES = new Set<string>(BASE_OPERATORS);

/** Splits e.g. `ForAllValues:StringLikeIfExists`; undefined when IAM would refuse the name. */
export function parseOperator(written: string): ParsedOperator | undefined {
  let rest = written;
  let qualifier: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix !== 'ForAnyValue' && prefix !== 'ForAllValues') return undefined;
    qualifier = prefix;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (!BASES.has(rest)) return undefined;
  // AWS: Null already asks "is the key there?", so NullIfExists is not an operator.
  if (rest === 'Null' && ifExists) return undefined;
  return { base: rest as BaseOperator, qualifier, ifExists };
}

export const isKnownOperator = (written: string): boolean => parseOperator(written) !== undefined;
