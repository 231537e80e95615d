import type { ContextValue, Principal } from '../../operations/types';

export interface RequestFacts {
  principal: Principal;
  sourceIp: string;
  now: Date;
  secureTransport: boolean;
  region: string;
  userAgent: string;
}

const PRINCIPAL_TYPE: Record<Principal['type'], string> = {
  root: 'Account',
  user: 'User',
  'assumed-role': 'AssumedRole',
  'federated-user': 'FederatedUser',
};

/** AWS: timestamps in the request context are ISO 8601 without fractional seconds. */
const isoSeconds = (d: Date) => {
  const iso = d.toISOString();
  // Years 0-9999 end in `.sssZ`; the regex covers the rest.
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
};

/**
 * AWS: for a role session aws:PrincipalArn is the role's ARN, not the session's
 * (`arn:aws:sts::1:assumed-role/R/s` → `arn:aws:iam::1:role/R`).
 */
export function principalArnForConditions(principal: Principal): string {
  if (principal.type !== 'assumed-role') return principal.arn;
  const session = /^arn:([^:]+):sts::(\d+):assumed-role\/(.+)\/[^/]+$/.exec(principal.arn);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  return principal.arn;
}

/** The last context made, and what it was made from: a client's calls in one second share it. */
let last: { facts: RequestFacts; second: number; context: Readonly<Record<string, ContextValue>> } | undefined;

/**
 * The global condition keys every request carries (frozen: callers copy it into their own).
 * Service keys and request tags come from operations.
 */
export function globalContext(facts: RequestFacts): Readonly<Record<string, ContextValue>> {
  // Its time keys have whole seconds, so within one second the same caller gets the same keys.
  const second = Math.floor(facts.now.getTime() / 1000);
  const seen = last;
  if (
    seen !== undefined && seen.second === second && seen.facts.principal === facts.principal &&
    seen.facts.sourceIp === facts.sourceIp && seen.facts.secureTransport === facts.secureTransport &&
    seen.facts.region === facts.region && seen.facts.userAgent === facts.userAgent
  ) {
    return seen.context;
  }
  const context = Object.freeze(makeGlobalContext(facts));
  last = { facts: { ...facts }, second, context };
  return context;
}

function makeGlobalContext(facts: RequestFacts): Record<string, ContextValue> {
  const { principal } = facts;
  const context: Record<string, ContextValue> = {
    // Dual-stack sockets report IPv4 callers as ::ffff:a.b.c.d; AWS shows the plain IPv4 address.
    'aws:SourceIp': facts.sourceIp.includes(':') ? facts.sourceIp.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '') : facts.sourceIp,
    'aws:CurrentTime': isoSeconds(facts.now),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:userid': principal.type === 'root' ? principal.accountId : principal.userId,
    'aws:PrincipalArn': principalArnForConditions(principal),
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalType': PRINCIPAL_TYPE[principal.type],
    'aws:SecureTransport': facts.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': facts.region,
    'aws:UserAgent': facts.userAgent,
  };
  // AWS: aws:username exists only for IAM users; role sessions and root have none.
  if (principal.type === 'user') context['aws:username'] = principal.userName ?? principal.name;
  for (const key in principal.tags) context[`aws:PrincipalTag/${key}`] = principal.tags[key];
  return context;
}

/** aws:ResourceTag/<key> for the resource being authorised. */
export function resourceTagContext(tags: Record<string, string> | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(tags ?? {})) context[`aws:ResourceTag/${key}`] = value;
  return context;
}

/** aws:RequestTag/<key> and aws:TagKeys for a call that carries tags (create-with-tags, tag operations). */
export function requestTagContext(tags: Array<{ Key: string; Value: string }> | undefined): Record<string, ContextValue> {
  if (!tags || tags.length === 0) return {};
  const context: Record<string, ContextValue> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) context[`aws:RequestTag/${t.Key}`] = t.Value;
  return context;
}
