import { AwsError } from '../../operations/errors';

/**
 * Parameter policies (advanced tier only): Expiration, ExpirationNotification and
 * NoChangeNotification, validated as AWS validates them. The scheduler jobs in
 * policy-jobs.ts carry them out.
 */
export type PolicyType = 'Expiration' | 'ExpirationNotification' | 'NoChangeNotification';

export interface ParsedPolicy {
  type: PolicyType;
  /** The policy exactly as the caller sent it; AWS returns it verbatim in PolicyText. */
  text: string;
  /** Expiration: when the parameter is deleted. */
  expiresAt?: Date;
  /** ExpirationNotification: how long before expiry; NoChangeNotification: how long after a change. */
  offsetMs?: number;
}

/** What DescribeParameters/GetParameterHistory show, with the status the scheduler keeps. */
export interface StoredPolicy {
  PolicyText: string;
  PolicyType: PolicyType;
  PolicyStatus: 'Pending' | 'Finished' | 'Failed' | 'InProgress';
}

const TYPES: PolicyType[] = ['Expiration', 'ExpirationNotification', 'NoChangeNotification'];
const HOUR = 3_600_000;

function invalidAttribute(message: string): AwsError {
  return new AwsError('InvalidPolicyAttributeException', message);
}

export function parsePolicies(json: string, now: Date): ParsedPolicy[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AwsError('ValidationException', 'Invalid policies input: the policies must be a JSON array of policy objects.');
  }
  const list = Array.isArray(raw) ? raw : [raw];
  // AWS: a parameter carries at most one policy of each type.
  if (list.length > TYPES.length) {
    throw new AwsError('PoliciesLimitExceededException', `You specified more than the maximum number of allowed policies for the parameter. The maximum is ${TYPES.length}.`);
  }
  const seen = new Set<string>();
  const parsed = list.map((item) => parseOne(item, now));
  for (const p of parsed) {
    if (seen.has(p.type)) {
      throw new AwsError('IncompatiblePolicyException', `There is a conflict in the policies specified for this parameter. You specified more than one ${p.type} policy.`);
    }
    seen.add(p.type);
  }
  // AWS: a notification before expiry needs an expiry to count back from.
  if (seen.has('ExpirationNotification') && !seen.has('Expiration')) {
    throw new AwsError('IncompatiblePolicyException', 'There is a conflict in the policies specified for this parameter. An ExpirationNotification policy requires an Expiration policy.');
  }
  return parsed;
}

function parseOne(item: unknown, now: Date): ParsedPolicy {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    throw new AwsError('InvalidPolicyTypeException', 'A policy must be a JSON object with Type, Version and Attributes.');
  }
  const { Type, Version, Attributes } = item as Record<string, unknown>;
  if (typeof Type !== 'string' || !TYPES.includes(Type as PolicyType)) {
    throw new AwsError('InvalidPolicyTypeException', `The policy type is not supported. Parameter Store supports the following policy types: ${TYPES.join(', ')}.`);
  }
  if (Version !== undefined && Version !== '1.0') throw invalidAttribute('Version must be 1.0.');
  if (!Attributes || typeof Attributes !== 'object') throw invalidAttribute(`The ${Type} policy requires Attributes.`);
  const attrs = Attributes as Record<string, unknown>;
  const text = JSON.stringify(item);
  if (Type === 'Expiration') {
    const ts = attrs.Timestamp;
    const at = typeof ts === 'string' ? new Date(ts) : new Date(NaN);
    if (Number.isNaN(at.getTime())) throw invalidAttribute('Timestamp must be an ISO-8601 date and time, e.g. 2030-05-13T00:00:00.000Z.');
    if (at.getTime() <= now.getTime()) throw invalidAttribute('The expiration Timestamp must be in the future.');
    return { type: 'Expiration', text, expiresAt: at };
  }
  const amountKey = Type === 'ExpirationNotification' ? 'Before' : 'After';
  const amount = Number(attrs[amountKey]);
  const unit = attrs.Unit;
  if (!Number.isInteger(amount) || amount < 1) throw invalidAttribute(`${amountKey} must be a positive whole number.`);
  if (unit !== 'Days' && unit !== 'Hours') throw invalidAttribute('Unit must be Days or Hours.');
  return { type: Type as PolicyType, text, offsetMs: amount * (unit === 'Days' ? 24 * HOUR : HOUR) };
}

export function toStoredPolicies(parsed: ParsedPolicy[]): StoredPolicy[] {
  return parsed.map((p) => ({ PolicyText: p.text, PolicyType: p.type, PolicyStatus: 'Pending' }));
}

/** Re-reads the schedule-relevant facts of stored policies (they were validated when written). */
export function readStoredPolicies(json: string | null): Array<StoredPolicy & Omit<ParsedPolicy, 'text' | 'type'>> {
  if (!json) return [];
  const stored = JSON.parse(json) as StoredPolicy[];
  return stored.map((s) => {
    const body = JSON.parse(s.PolicyText) as { Attributes: Record<string, string> };
    const a = body.Attributes ?? {};
    const unitMs = a.Unit === 'Hours' ? HOUR : 24 * HOUR;
    return {
      ...s,
      expiresAt: a.Timestamp ? new Date(a.Timestamp) : undefined,
      offsetMs: a.Before ? Number(a.Before) * unitMs : a.After ? Number(a.After) * unitMs : undefined,
    };
  });
}
