/**
 * The models' `pattern` traits are Java regular expressions checked with Matcher.matches()
 * (the whole value must match). This turns one into a JavaScript RegExp once and caches it.
 * A pattern JavaScript cannot express compiles to `null`: the caller skips that check rather
 * than failing the request.
 */
const cache = new Map<string, RegExp | null>();

const POSIX: Record<string, string> = {
  Alnum: 'A-Za-z0-9', Alpha: 'A-Za-z', Digit: '0-9', Upper: 'A-Z', Lower: 'a-z', XDigit: '0-9A-Fa-f',
  Punct: '!-\\/:-@\\[-`{-~', Space: ' \\t\\n\\x0B\\f\\r', Blank: ' \\t', Cntrl: '\\x00-\\x1F\\x7F',
  Graph: '!-~', Print: ' -~', ASCII: '\\x00-\\x7F',
};
const UNICODE_ALIASES: Record<string, string> = {
  IsAlphabetic: 'Alphabetic', IsLetter: 'L', IsDigit: 'Nd', IsWhite_Space: 'White_Space', javaLetter: 'L',
};
const CLASS_ESCAPES = new Set(['w', 'W', 'd', 'D', 's', 'S', 'p', 'P']);
const hexEscape = (ch: string): string => `\\u{${ch.codePointAt(0)!.toString(16)}}`;

/** Java syntax → JS `u`-mode syntax; returns the source and flags, or throws if unsupported. */
export function translateJavaPattern(pattern: string): { source: string; flags: string } {
  let flags = 'u';
  let src = pattern;
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    flags += inline[1].replace('x', '');
    src = src.slice(inline[0].length);
  }
  let out = '';
  let inClass = false;
  let lastQuantifier = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    let quantifier = false;
    if (ch === '\\') {
      const next = src[++i];
      if (next === undefined) throw new Error('trailing backslash');
      if (next === 'Q') {
        const end = src.indexOf('\\E', i + 1);
        const literal = src.slice(i + 1, end < 0 ? src.length : end);
        out += [...literal].map((c) => (/[A-Za-z0-9]/.test(c) ? c : hexEscape(c))).join('');
        i = end < 0 ? src.length : end + 1;
      } else if (next === 'A') out += '^';
      else if (next === 'z' || next === 'Z') out += '$';
      else if ((next === 'p' || next === 'P') && src[i + 1] === '{') {
        const close = src.indexOf('}', i);
        const name = src.slice(i + 2, close);
        i = close;
        if (POSIX[name]) {
          if (next === 'P') out += inClass ? (() => { throw new Error('negated POSIX class in class'); })() : `[^${POSIX[name]}]`;
          else out += inClass ? POSIX[name] : `[${POSIX[name]}]`;
        } else out += `\\${next}{${UNICODE_ALIASES[name] ?? name.replace(/^Is/, '')}}`;
      } else if (/[A-Za-z0-9]/.test(next)) out += `\\${next}`;
      else out += hexEscape(next);
      // Java reads `[\w-.]` as \w, '-', '.'; JS u-mode refuses a range from a class escape.
      if (inClass && CLASS_ESCAPES.has(next) && src[i + 1] === '-' && src[i + 2] !== ']') {
        out += '\\-';
        i++;
      }
    } else if (inClass) {
      if (ch === '[') throw new Error('nested character class');
      if (ch === '&' && src[i + 1] === '&') throw new Error('class intersection');
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') { out += '\\]'; i++; } // Java allows a leading literal ']'
    } else if (ch === '+' && lastQuantifier) {
      // possessive quantifier: JS has none, the greedy one accepts the same strings here
    } else if (ch === '(' && src.startsWith('(?>', i)) {
      out += '(?:';
      i += 2;
    } else {
      quantifier = ch === '*' || ch === '+' || ch === '?' || ch === '}';
      out += ch;
    }
    lastQuantifier = quantifier;
  }
  return { source: `^(?:${out})$`, flags };
}

/** The cached JS RegExp for a model pattern, or null when it cannot be expressed. */
export function compileJavaPattern(pattern: string): RegExp | null {
  if (cache.has(pattern)) return cache.get(pattern)!;
  let compiled: RegExp | null = null;
  let translated: { source: string; flags: string } | undefined;
  try {
    translated = translateJavaPattern(pattern);
  } catch {
    // Java-only syntax (class intersection, nested classes): no faithful JS equivalent.
  }
  if (translated) {
    try {
      compiled = new RegExp(translated.source, translated.flags);
    } catch {
      // Not valid in u-mode: the plain (legacy) JS dialect is close to Java for the rest.
      try {
        compiled = new RegExp(`^(?:${pattern})$`, translated.flags.replace('u', ''));
      } catch {
        compiled = null;
      }
    }
  }
  cache.set(pattern, compiled);
  return compiled;
}

/** Whether a value satisfies a model pattern; an inexpressible pattern accepts everything. */
export function matchesJavaPattern(pattern: string, value: string): boolean {
  const re = compileJavaPattern(pattern);
  return re === null || re.test(value);
}
