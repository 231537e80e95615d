/**
 * EventBridge-style event patterns: `{ "source": ["aws.ssm"], "detail": { "operation":
 * [{ "prefix": "Del" }] } }`. Every key of the pattern must match; a leaf is an array of
 * matchers, any of which may match; an event array matches when any element does.
 * Supported matchers: literals (string, number, boolean, null), prefix, suffix,
 * equals-ignore-case, wildcard, anything-but (value, list, prefix or suffix), numeric, exists.
 */
export type EventPattern = { [key: string]: EventPattern | unknown[] };

export class PatternError extends Error {}

const MATCHER_KEYS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists']);
const NUMERIC_OPS = new Set(['<', '<=', '=', '>', '>=']);

/** Parses and checks a pattern; throws PatternError with EventBridge-like reasons. */
export function parseEventPattern(text: string): EventPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PatternError('Filter is not valid JSON');
  }
  if (!isObject(parsed)) throw new PatternError('Filter is not an object');
  checkObject(parsed, '');
  return parsed as EventPattern;
}

function checkObject(pattern: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (Array.isArray(value)) {
      // AWS: an empty match list is refused, it would never match.
      if (value.length === 0) throw new PatternError(`Empty arrays are not allowed (at "${at}")`);
      for (const matcher of value) checkMatcher(matcher, at);
    } else if (isObject(value)) {
      if (Object.keys(value).length === 0) throw new PatternError(`Empty objects are not allowed (at "${at}")`);
      checkObject(value, at);
    } else {
      throw new PatternError(`Match value must be an array or an object (at "${at}")`);
    }
  }
}

function checkMatcher(matcher: unknown, at: string): void {
  if (matcher === null || ['string', 'number', 'boolean'].includes(typeof matcher)) return;
  if (!isObject(matcher)) throw new PatternError(`Match value must be String, number, true, false, or null (at "${at}")`);
  const keys = Object.keys(matcher);
  if (keys.length !== 1 || !MATCHER_KEYS.has(keys[0])) {
    throw new PatternError(`Unrecognized match type ${keys.join(', ')} (at "${at}")`);
  }
  const [kind] = keys;
  const arg = matcher[kind];
  switch (kind) {
    case 'prefix':
    case 'suffix':
      if (typeof arg === 'string') return;
      if (isObject(arg) && typeof arg['equals-ignore-case'] === 'string') return;
      throw new PatternError(`${kind} match pattern must be a string (at "${at}")`);
    case 'equals-ignore-case':
    case 'wildcard':
      if (typeof arg !== 'string') throw new PatternError(`${kind} match pattern must be a string (at "${at}")`);
      return;
    case 'exists':
      if (typeof arg !== 'boolean') throw new PatternError(`exists match pattern must be either true or false (at "${at}")`);
      return;
    case 'numeric':
      checkNumeric(arg, at);
      return;
    case 'anything-but': {
      if (isObject(arg)) {
        const [k] = Object.keys(arg);
        if (Object.keys(arg).length === 1 && (k === 'prefix' || k === 'suffix') && typeof arg[k] === 'string') return;
        throw new PatternError(`Value of anything-but must be an array or single string/number value (at "${at}")`);
      }
      const list = Array.isArray(arg) ? arg : [arg];
      if (list.length === 0 || list.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
        throw new PatternError(`Value of anything-but must be an array or single string/number value (at "${at}")`);
      }
    }
  }
}

function checkNumeric(arg: unknown, at: string): void {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) {
    throw new PatternError(`Value of numeric must be an array of one or two comparisons (at "${at}")`);
  }
  for (let i = 0; i < arg.length; i += 2) {
    if (!NUMERIC_OPS.has(arg[i] as string)) throw new PatternError(`Unrecognized numeric range operator: ${String(arg[i])} (at "${at}")`);
    if (typeof arg[i + 1] !== 'number') throw new PatternError(`Value of ${String(arg[i])} must be numeric (at "${at}")`);
  }
}

/** Whether `event` (a rendered EventBridge event) matches `pattern`. */
export function matchesPattern(pattern: EventPattern, event: Record<string, unknown>): boolean {
  for (const [key, want] of Object.entries(pattern)) {
    const present = Object.prototype.hasOwnProperty.call(event, key);
    const value = event[key];
    if (Array.isArray(want)) {
      if (!want.some((m) => matchLeaf(m, present, value))) return false;
    } else if (isObject(want)) {
      const inner = isObject(value) ? value : {};
      if (!matchesPattern(want as EventPattern, inner)) return false;
    }
  }
  return true;
}

function matchLeaf(matcher: unknown, present: boolean, value: unknown): boolean {
  if (isObject(matcher) && 'exists' in matcher) return matcher.exists === (present && value !== undefined);
  if (!present) return false;
  const values = Array.isArray(value) ? value : [value];
  // AWS: anything-but on an array field matches only when no element is excluded.
  if (isObject(matcher) && 'anything-but' in matcher) return values.length > 0 && values.every((v) => anythingBut(matcher['anything-but'], v));
  return values.some((v) => matchOne(matcher, v));
}

function matchOne(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) return matcher === value;
  const [kind] = Object.keys(matcher);
  const arg = matcher[kind];
  switch (kind) {
    case 'prefix':
    case 'suffix': {
      if (typeof value !== 'string') return false;
      const ci = isObject(arg);
      const needle = ci ? String(arg['equals-ignore-case']).toLowerCase() : String(arg);
      const hay = ci ? value.toLowerCase() : value;
      return kind === 'prefix' ? hay.startsWith(needle) : hay.endsWith(needle);
    }
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(arg).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardRegex(String(arg)).test(value);
    case 'numeric':
      return typeof value === 'number' && numericMatch(arg as unknown[], value);
    default:
      return false;
  }
}

function anythingBut(arg: unknown, value: unknown): boolean {
  if (isObject(arg)) {
    if (typeof value !== 'string') return true;
    return 'prefix' in arg ? !value.startsWith(String(arg.prefix)) : !value.endsWith(String(arg.suffix));
  }
  const excluded = Array.isArray(arg) ? arg : [arg];
  return !excluded.includes(value);
}

function numericMatch(ops: unknown[], value: number): boolean {
  for (let i = 0; i < ops.length; i += 2) {
    const bound = ops[i + 1] as number;
    const ok = { '<': value < bound, '<=': value <= bound, '=': value === bound, '>': value > bound, '>=': value >= bound }[ops[i] as string];
    if (!ok) return false;
  }
  return true;
}

function wildcardRegex(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
