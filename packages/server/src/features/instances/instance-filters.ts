/**
 * DescribeInstanceInformation's and DescribeInstanceProperties' filters over managed nodes.
 * Every filter must hold (AND); within one filter any value may match (OR), as in AWS.
 */
import { AwsError } from '../../operations/errors';
import { effectivePingStatus } from '../../agents/presence';
import type { InstanceRow } from '../../agents/instance-store';

export type Operator = 'Equal' | 'NotEqual' | 'BeginWith' | 'LessThan' | 'GreaterThan';
export interface InstanceFilter { key: string; values: string[]; operator?: Operator }

const KEYS = ['InstanceIds', 'AgentVersion', 'PingStatus', 'PlatformTypes', 'ActivationIds', 'IamRole', 'ResourceType', 'AssociationStatus'];
const ENUMS: Record<string, string[]> = {
  PingStatus: ['Online', 'ConnectionLost', 'Inactive'],
  PlatformTypes: ['Windows', 'Linux', 'MacOS'],
  ResourceType: ['ManagedInstance', 'EC2Instance'],
};

/** Refuses unknown keys and values outside an enum with the error code the operation uses. */
export function checkFilters(filters: InstanceFilter[], options: { extraKeys?: string[]; valueError: string }): void {
  for (const f of filters) {
    const known = KEYS.includes(f.key) || options.extraKeys?.includes(f.key) || f.key.startsWith('tag:') || f.key === 'tag-key';
    if (!known) throw new AwsError('InvalidFilterKey', `The filter key ${f.key} is not valid.`);
    const allowed = ENUMS[f.key];
    const bad = allowed ? f.values.filter((v) => !allowed.includes(v)) : [];
    if (bad.length > 0) {
      throw new AwsError(options.valueError, `The following filter values are not valid for ${f.key}: ${bad.join(', ')}. Valid values: ${allowed.join(', ')}.`);
    }
  }
}

function fieldValues(row: InstanceRow, key: string, tags: Record<string, string>, now: Date): string[] {
  const one = (v: string | null): string[] => (v === null ? [] : [v]);
  switch (key) {
    case 'InstanceIds': return [row.instance_id];
    case 'AgentVersion': return one(row.agent_version);
    case 'PingStatus': return [effectivePingStatus(row, now)];
    case 'PlatformTypes': return one(row.platform_type);
    case 'ActivationIds': return [row.activation_id];
    case 'IamRole': return [row.iam_role];
    case 'ResourceType': return ['ManagedInstance'];
    case 'tag-key': return Object.keys(tags);
    default:
      if (key.startsWith('tag:')) return key.slice(4) in tags ? [tags[key.slice(4)]] : [];
      // AssociationStatus, DocumentName: no State Manager associations exist for nodes yet.
      return [];
  }
}

function compare(a: string, b: string): number {
  // Versions like 3.2.10 order numerically part by part; anything else as text.
  const pa = a.split('.'); const pb = b.split('.');
  if ([...pa, ...pb].every((p) => /^\d+$/.test(p))) {
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = Number(pa[i] ?? 0) - Number(pb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function holds(actual: string[], f: InstanceFilter): boolean {
  switch (f.operator ?? 'Equal') {
    case 'Equal': return actual.some((a) => f.values.includes(a));
    case 'NotEqual': return !actual.some((a) => f.values.includes(a));
    case 'BeginWith': return actual.some((a) => f.values.some((v) => a.startsWith(v)));
    case 'LessThan': return actual.some((a) => f.values.some((v) => compare(a, v) < 0));
    case 'GreaterThan': return actual.some((a) => f.values.some((v) => compare(a, v) > 0));
  }
}

export function matchesAll(row: InstanceRow, filters: InstanceFilter[], tags: Record<string, string>, now: Date): boolean {
  return filters.every((f) => holds(fieldValues(row, f.key, tags, now), f));
}
