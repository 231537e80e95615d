import type { AuditResource } from './types';

/**
 * CloudTrail resource types for the ARNs Bosun's operations declare, by `<service>:<resource type>`.
 * AWS: LookupEvents names resources by CloudFormation-style type (AWS::SSM::Parameter) and a
 * name that is the resource's own name where it has one (a parameter's name, a user name), and
 * its ARN otherwise (a KMS key).
 */
const TYPES: Record<string, { type: string; name: 'id' | 'arn' }> = {
  'ssm:parameter': { type: 'AWS::SSM::Parameter', name: 'id' },
  'ssm:document': { type: 'AWS::SSM::Document', name: 'id' },
  'ssm:managed-instance': { type: 'AWS::SSM::ManagedInstance', name: 'id' },
  'ssm:association': { type: 'AWS::SSM::Association', name: 'id' },
  'ssm:maintenancewindow': { type: 'AWS::SSM::MaintenanceWindow', name: 'id' },
  'ssm:session': { type: 'AWS::SSM::Session', name: 'id' },
  'ec2:instance': { type: 'AWS::EC2::Instance', name: 'id' },
  'kms:key': { type: 'AWS::KMS::Key', name: 'arn' },
  'kms:alias': { type: 'AWS::KMS::Alias', name: 'arn' },
  'iam:user': { type: 'AWS::IAM::User', name: 'id' },
  'iam:group': { type: 'AWS::IAM::Group', name: 'id' },
  'iam:role': { type: 'AWS::IAM::Role', name: 'id' },
  'iam:policy': { type: 'AWS::IAM::Policy', name: 'arn' },
};

/** The audit resources for the ARNs a call touched; `*` and malformed ARNs are left out. */
export function resourcesFromArns(arns: Iterable<string>): AuditResource[] {
  const out: AuditResource[] = [];
  const seen = new Set<string>();
  for (const arn of arns) {
    const resource = resourceFromArn(arn);
    if (resource && !seen.has(arn)) {
      seen.add(arn);
      out.push(resource);
    }
  }
  return out;
}

/** Parsed ARNs, shared (frozen): a busy server names the same few resources again and again. */
const parsed = new Map<string, AuditResource | undefined>();
const MAX_PARSED = 10_000;

export function resourceFromArn(arn: string): AuditResource | undefined {
  if (parsed.has(arn)) return parsed.get(arn);
  const resource = parseResourceArn(arn);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(arn, resource && Object.freeze(resource));
  return resource;
}

function parseResourceArn(arn: string): AuditResource | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = parts[2];
  const rest = parts.slice(5).join(':');
  const slash = rest.indexOf('/');
  if (slash <= 0 || rest.includes('*')) return undefined;
  const kind = rest.slice(0, slash);
  let id = rest.slice(slash + 1);
  const known = TYPES[`${service}:${kind}`];
  // IAM paths (user/division/alice) name the resource by its last segment.
  if (service === 'iam') id = id.split('/').pop() ?? id;
  // AWS: parameter ARNs drop the leading slash of hierarchical names; CloudTrail shows the name.
  if (known?.type === 'AWS::SSM::Parameter' && id.includes('/')) id = `/${id}`;
  if (!known) return { type: `AWS::${service.toUpperCase()}::${kind}`, name: arn, arn };
  return { type: known.type, name: known.name === 'arn' ? arn : id, arn };
}
