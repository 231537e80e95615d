import type { PatternPart } from './match';
import { lookupKey, type ConditionContext } from './context-lookup';

/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}`, and the
 * escapes `${*}`, `${?}`, `${$}`. AWS: they work only in Version 2012-10-17 documents (elsewhere the
 * text is literal) and only in Resource/NotResource and condition values.
 */

const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', '$': '$' };

/**
 * Expands the variables in one policy value. Returns undefined when a variable has no value in the
 * request and no default: AWS then treats the statement as not matching.
 */
export function expandVariables(value: string, context: ConditionContext, enabled: boolean): PatternPart[] | undefined {
  if (!enabled || !value.includes('${')) return [{ text: value, literal: false }];
  const parts: PatternPart[] = [];
  let last = 0;
  for (const match of value.matchAll(VARIABLE)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: value.slice(last, at), literal: false });
    last = at + match[0].length;
    const resolved = resolve(match[1], context);
    if (resolved === undefined) return undefined;
    parts.push({ text: resolved, literal: true });
  }
  if (last < value.length) parts.push({ text: value.slice(last), literal: false });
  return parts;
}

function resolve(body: string, context: ConditionContext): string | undefined {
  const trimmed = body.trim();
  if (trimmed in ESCAPES) return ESCAPES[trimmed];
  // `${aws:username, 'fallback'}`: AWS allows a single-quoted default after a comma.
  const withDefault = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(trimmed);
  const key = withDefault ? withDefault[1] : trimmed;
  const value = lookupKey(context, key);
  // AWS: a multivalued key cannot be used as a variable.
  if (typeof value === 'string') return value;
  if (value === undefined && withDefault) return withDefault[2];
  return undefined;
}
