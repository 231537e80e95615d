import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { arnConditionMatches, globMatch, patternText, type PatternPart } from '../match';
import type { BaseOperator } from './operators';

/**
 * One comparison between one context value and one policy value. Negated operators are written as
 * their positive twin plus `negated`: AWS evaluates several policy values of a negated operator as NOR.
 * `undefined` means the values cannot be compared (e.g. not a number): never a match either way.
 */
type Compare = (contextValue: string, policyValue: PatternPart[]) => boolean | undefined;

interface OperatorMeaning {
  compare: Compare;
  negated: boolean;
}

const text = patternText;

function parseDate(value: string): number | undefined {
  // AWS: dates are ISO 8601 or epoch seconds.
  if (/^-?\d+$/.test(value)) return Number(value) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseNumber(value: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) return undefined;
  return Number(value);
}

function ordered(parse: (v: string) => number | undefined, test: (a: number, b: number) => boolean): Compare {
  return (contextValue, policyValue) => {
    const a = parse(contextValue);
    const b = parse(text(policyValue));
    return a === undefined || b === undefined ? undefined : test(a, b);
  };
}

/** Node reports IPv4 callers on dual-stack sockets as `::ffff:a.b.c.d`; AWS would see the IPv4 address. */
const unmapped = (ip: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip);

function inCidr(rawIp: string, cidr: string): boolean | undefined {
  const ip = unmapped(rawIp);
  const [address, bits] = cidr.split('/');
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  const ipFamily = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : undefined;
  if (!family || !ipFamily) return undefined;
  const prefix = bits === undefined ? (family === 'ipv4' ? 32 : 128) : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128)) return undefined;
  if (family !== ipFamily) return false;
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return list.check(ip, ipFamily);
}

const stringEquals: Compare = (c, p) => c === text(p);
const stringEqualsIgnoreCase: Compare = (c, p) => c.toLowerCase() === text(p).toLowerCase();
const stringLike: Compare = (c, p) => globMatch(p, c);
const numberEquals = ordered(parseNumber, (a, b) => a === b);
const dateEquals = ordered(parseDate, (a, b) => a === b);
const arnLike: Compare = (c, p) => arnConditionMatches(p, c);
const ipAddress: Compare = (c, p) => inCidr(c, text(p));

const MEANINGS: Record<Exclude<BaseOperator, 'Null'>, OperatorMeaning> = {
  StringEquals: { compare: stringEquals, negated: false },
  StringNotEquals: { compare: stringEquals, negated: true },
  StringEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: true },
  StringLike: { compare: stringLike, negated: false },
  StringNotLike: { compare: stringLike, negated: true },
  NumericEquals: { compare: numberEquals, negated: false },
  NumericNotEquals: { compare: numberEquals, negated: true },
  NumericLessThan: { compare: ordered(parseNumber, (a, b) => a < b), negated: false },
  NumericLessThanEquals: { compare: ordered(parseNumber, (a, b) => a <= b), negated: false },
  NumericGreaterThan: { compare: ordered(parseNumber, (a, b) => a > b), negated: false },
  NumericGreaterThanEquals: { compare: ordered(parseNumber, (a, b) => a >= b), negated: false },
  DateEquals: { compare: dateEquals, negated: false },
  DateNotEquals: { compare: dateEquals, negated: true },
  DateLessThan: { compare: ordered(parseDate, (a, b) => a < b), negated: false },
  DateLessThanEquals: { compare: ordered(parseDate, (a, b) => a <= b), negated: false },
  DateGreaterThan: { compare: ordered(parseDate, (a, b) => a > b), negated: false },
  DateGreaterThanEquals: { compare: ordered(parseDate, (a, b) => a >= b), negated: false },
  // AWS: Bool compares "true"/"false" without regard to case.
  Bool: { compare: stringEqualsIgnoreCase, negated: false },
  // AWS: the policy holds base64; the context value is base64 of the request's bytes.
  BinaryEquals: {
    compare: (c, p) => Buffer.from(c, 'base64').equals(Buffer.from(text(p), 'base64')),
    negated: false,
  },
  IpAddress: { compare: ipAddress, negated: false },
  NotIpAddress: { compare: ipAddress, negated: true },
  ArnEquals: { compare: arnLike, negated: false },
  ArnLike: { compare: arnLike, negated: false },
  ArnNotEquals: { compare: arnLike, negated: true },
  ArnNotLike: { compare: arnLike, negated: true },
};

export const meaningOf = (base: Exclude<BaseOperator, 'Null'>): OperatorMeaning => MEANINGS[base];

/** Date and number text a policy may hold; used by the parser to refuse what IAM refuses. */
export const isValidDate = (value: string): boolean => parseDate(value) !== undefined;
export const isValidNumber = (value: string): boolean => parseNumber(value) !== undefined;
