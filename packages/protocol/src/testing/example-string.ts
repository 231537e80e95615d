/**
 * A string that satisfies a model string shape (length and Java pattern), built from the
 * pattern itself. Test support: lets a test build a valid request for any operation.
 * Handles what the AWS models use: literals, classes, escapes, groups, alternation and
 * quantifiers; lookarounds are skipped and the result is checked against the real matcher.
 */
import type { StringShape } from '../contract';
import { compileJavaPattern } from '../validation/java-regex';

const CLASS_CANDIDATES = ['a', 'A', '0', '1', '-', '_', '.', '/', ':', ' ', 'z', '$', '@', '*', '+', '=', ',', 'é'];

class Builder {
  private i = 0;
  constructor(private readonly src: string, private readonly reps: number) {}

  /** An example for the whole pattern. */
  build(): string {
    const s = this.alternation();
    return s;
  }

  private alternation(): string {
    const first = this.sequence();
    while (this.src[this.i] === '|') {
      this.i++;
      this.sequence(); // later alternatives are parsed and dropped: the first one is used
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      out += this.quantify(atom);
    }
    return out;
  }

  private quantify(atom: string): string {
    const rest = this.src.slice(this.i);
    let times = 1;
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (braces) {
      this.i += braces[0].length;
      const min = Number(braces[1]);
      const max = braces[2] ? (braces[3] ? Number(braces[3]) : Infinity) : min;
      times = Math.min(Math.max(min, Math.min(this.reps, max)), max);
    } else if (rest[0] === '*') { this.i++; times = this.reps - 1; }
    else if (rest[0] === '+') { this.i++; times = this.reps; }
    else if (rest[0] === '?') { this.i++; times = this.reps > 1 ? 1 : 0; }
    else return atom;
    if (this.src[this.i] === '?' || this.src[this.i] === '+') this.i++; // lazy / possessive
    return atom.repeat(Math.max(0, times));
  }

  private atom(): string {
    const ch = this.src[this.i++];
    if (ch === '^' || ch === '$') return '';
    if (ch === '.') return 'a';
    if (ch === '(') return this.group();
    if (ch === '[') return this.charClass();
    if (ch === '\\') return this.escape();
    return ch;
  }

  private group(): string {
    let skip = false;
    if (this.src[this.i] === '?') {
      const kind = /^\?(<?[=!]|:|>|[imsx-]+\)|[imsx-]+:)/.exec(this.src.slice(this.i));
      if (kind) {
        this.i += kind[0].length;
        if (kind[0].endsWith(')')) return ''; // inline flags
        skip = /[=!]/.test(kind[0]);
      }
    }
    const inner = this.alternation();
    this.i++; // ')'
    return skip ? '' : inner;
  }

  private charClass(): string {
    const start = this.i - 1;
    let j = this.i;
    if (this.src[j] === '^') j++;
    if (this.src[j] === ']') j++;
    while (j < this.src.length && this.src[j] !== ']') j += this.src[j] === '\\' ? 2 : 1;
    this.i = j + 1;
    const cls = compileJavaPattern(this.src.slice(start, this.i));
    return CLASS_CANDIDATES.find((c) => cls?.test(c)) ?? 'a';
  }

  private escape(): string {
    const ch = this.src[this.i++];
    if (ch === 'p' || ch === 'P') {
      this.i = this.src.indexOf('}', this.i) + 1;
      return 'a';
    }
    if (ch === 'u' || ch === 'x') {
      const hex = /^[0-9a-fA-F]{4}|^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i, this.i + (ch === 'u' ? 4 : 2)))![0];
      this.i += hex.length;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (/\d/.test(ch)) return ''; // back-reference: the referenced group was empty-or-first
    const map: Record<string, string> = { d: '0', w: 'a', s: ' ', S: 'a', D: 'a', W: '-', b: '', B: '', A: '', z: '', Z: '', t: '\t', n: '\n' };
    return map[ch] ?? ch;
  }
}

export function exampleString(shape: StringShape): string {
  if (shape.enum?.length) return shape.enum[0];
  const min = shape.min ?? 0;
  const max = shape.max ?? Infinity;
  const fits = (s: string): boolean =>
    s.length >= min && s.length <= max && (shape.pattern === undefined || compileJavaPattern(shape.pattern)!.test(s));
  const tries: string[] = [];
  for (const reps of [1, 2, 3, 8, 20, Math.max(1, min)]) {
    const base = shape.pattern === undefined ? 'a' : new Builder(shape.pattern, reps).build();
    for (const pad of ['a', '0', base.slice(-1) || 'a']) tries.push(base, base.padEnd(min, pad));
  }
  tries.push('a'.repeat(Math.max(min, 1)));
  return tries.find(fits) ?? tries[0];
}
