/**
 * Wildcard matching for Action and Resource elements and the Arn* condition operators.
 * A pattern arrives as segments: text that came from a policy variable such as `${*}` or
 * `${aws:username}` is literal, so a user named `a*` cannot widen a `${aws:username}` grant.
 */

export interface PatternPart {
  text: string;
  /** True when `*` and `?` in `text` are plain characters, not wildcards. */
  literal: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const plainPattern = (text: string): PatternPart[] => [{ text, literal: false }];
export const patternText = (parts: PatternPart[]): string => parts.map((p) => p.text).join('');

/** `*` is any run of characters, `?` any one character. */
function globSource(parts: PatternPart[]): string {
  let out = '';
  for (const part of parts) {
    if (part.literal) {
      out += escape(part.text);
      continue;
    }
    for (const ch of part.text) out += ch === '*' ? '.*' : ch === '?' ? '.' : escape(ch);
  }
  return out;
}

const cache = new Map<string, RegExp>();
function compiled(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^${source}$`, flags);
    if (cache.size > 5000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** StringLike: case-sensitive glob over the whole value. */
export const globMatch = (parts: PatternPart[], value: string): boolean => compiled(globSource(parts), 's').test(value);

/** AWS: action names are case-insensitive (`SSM:getparameter` matches `ssm:Get*`). */
export const actionMatches = (pattern: string, action: string): boolean =>
  compiled(globSource(plainPattern(pattern)), 'is').test(action);

/**
 * Resource element matching. AWS: ARNs are case-sensitive; a wildcard stays inside its colon-separated
 * segment, except that a `*` ending a segment may run on past colons (so `arn:aws:ssm:*` covers every
 * SSM ARN); the sixth part (the resource id) is free text in which `*` crosses `:` and `/` alike.
 */
export function resourceMatches(parts: PatternPart[], arn: string): boolean {
  if (parts.length === 1 && !parts[0].literal && parts[0].text === '*') return true;
  let source = '';
  let colons = 0;
  for (const part of parts) {
    if (part.literal) {
      source += escape(part.text);
      colons += part.text.split(':').length - 1;
      continue;
    }
    const text = part.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      const inResourcePart = colons >= 5;
      if (ch === ':') {
        colons++;
        source += ':';
      } else if (ch === '*') {
        const endsSegment = i === text.length - 1 || text[i + 1] === ':';
        source += inResourcePart || endsSegment ? '.*' : '[^:]*';
      } else if (ch === '?') {
        source += inResourcePart ? '.' : '[^:]';
      } else {
        source += escape(ch);
      }
    }
  }
  return compiled(source, 's').test(arn);
}

/**
 * ArnEquals / ArnLike. AWS: both compare each of the six colon-separated parts on its own, each part
 * allowing `*` and `?`; an ARN with a different number of parts does not match.
 */
export function arnConditionMatches(parts: PatternPart[], value: string): boolean {
  const pattern = splitArnParts(parts);
  const actual = splitArn(value);
  if (!pattern || !actual) return false;
  return pattern.every((segment, i) => globMatch(segment, actual[i]));
}

function splitArn(value: string): string[] | undefined {
  const pieces = value.split(':');
  if (pieces.length < 6) return undefined;
  return [...pieces.slice(0, 5), pieces.slice(5).join(':')];
}

/** Splits pattern parts at the first five colons while keeping each piece's literal flag. */
function splitArnParts(parts: PatternPart[]): PatternPart[][] | undefined {
  const segments: PatternPart[][] = [[]];
  for (const part of parts) {
    let rest = part.text;
    while (segments.length < 6 && rest.includes(':')) {
      const at = rest.indexOf(':');
      segments[segments.length - 1].push({ text: rest.slice(0, at), literal: part.literal });
      segments.push([]);
      rest = rest.slice(at + 1);
    }
    segments[segments.length - 1].push({ text: rest, literal: part.literal });
  }
  return segments.length === 6 ? segments : undefined;
}
