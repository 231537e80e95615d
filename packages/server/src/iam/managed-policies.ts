/**
 * The AWS-managed policies Bosun ships, written by us to have the same effect as AWS's for the
 * services Bosun serves. Stored under the owner `aws`, with ARNs `arn:aws:iam::aws:policy/<Name>`
 * and ids that are the same in every database.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../db/index';
import { stableUniqueId } from './store/ids';
import { AWS_OWNER, insertManagedPolicy } from './store/managed-policies';
import { createPolicyVersion, defaultPolicyDocument } from './store/policy-versions';

export interface ShippedPolicy {
  name: string;
  /** AWS: all of these live at the root path; e.g. AmazonSSMAutomationRole would be under /service-role/. */
  path: string;
  description: string;
  document: Record<string, unknown>;
}

const allow = (action: string | string[], resource: string | string[] = '*', extra: Record<string, unknown> = {}) =>
  ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

const readActions = (service: string) => [`${service}:Describe*`, `${service}:Get*`, `${service}:List*`];

export const SHIPPED_POLICIES: ShippedPolicy[] = [
  {
    name: 'AdministratorAccess', path: '/',
    description: 'Provides full access to AWS services and resources.',
    document: policy(allow('*')),
  },
  {
    name: 'ReadOnlyAccess', path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    document: policy(allow([
      ...readActions('ssm'), ...readActions('iam'), 'iam:Generate*', 'iam:Simulate*',
      ...readActions('kms'), ...readActions('cloudtrail'), 'cloudtrail:LookupEvents',
    ])),
  },
  {
    name: 'IAMFullAccess', path: '/',
    description: 'Provides full access to IAM via the AWS Management Console.',
    document: policy(allow('iam:*')),
  },
  {
    name: 'IAMReadOnlyAccess', path: '/',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    document: policy(allow(['iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'])),
  },
  {
    // AWS's document as published: a user may change only their own password (a user with a
    // path, e.g. user/eng/alice, is not matched — the same on AWS) and read the password policy.
    name: 'IAMUserChangePassword', path: '/',
    description: 'Provides the ability for an IAM user to change their own password.',
    document: policy(
      allow(['iam:ChangePassword'], ['arn:aws:iam::*:user/${aws:username}']),
      allow(['iam:GetAccountPasswordPolicy']),
    ),
  },
  {
    name: 'AmazonSSMFullAccess', path: '/',
    description: 'Provides full access to Amazon SSM.',
    document: policy(
      allow(['ssm:*', 'ssmmessages:*', 'ec2messages:*', 'iam:ListRoles']),
      // AWS: SSM full access may pass roles only to the SSM service itself.
      allow('iam:PassRole', '*', { Condition: { StringLike: { 'iam:PassedToService': ['ssm.amazonaws.com'] } } }),
    ),
  },
  {
    name: 'AmazonSSMReadOnlyAccess', path: '/',
    description: 'Provides read only access to Amazon SSM.',
    document: policy(allow(readActions('ssm'))),
  },
  {
    name: 'AmazonSSMManagedInstanceCore', path: '/',
    description: 'The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.',
    document: policy(
      allow([
        'ssm:DescribeAssociation', 'ssm:GetDeployablePatchSnapshotForInstance', 'ssm:GetDocument', 'ssm:DescribeDocument',
        'ssm:GetManifest', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:ListAssociations', 'ssm:ListInstanceAssociations',
        'ssm:PutInventory', 'ssm:PutComplianceItems', 'ssm:PutConfigurePackageResult', 'ssm:UpdateAssociationStatus',
        'ssm:UpdateInstanceAssociationStatus', 'ssm:UpdateInstanceInformation',
      ]),
      allow(['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel']),
      allow(['ec2messages:AcknowledgeMessage', 'ec2messages:DeleteMessage', 'ec2messages:FailMessage', 'ec2messages:GetEndpoint', 'ec2messages:GetMessages', 'ec2messages:SendReply']),
    ),
  },
];

export const awsManagedPolicyArn = (name: string, path = '/'): string => `arn:aws:iam::aws:policy${path}${name}`;

/**
 * Makes the database hold every shipped policy with its current document: missing ones are
 * created, changed ones get a new default version (AWS updates its managed policies the same way).
 * Safe to run at every start.
 */
export async function syncAwsManagedPolicies(anyDb: Kysely<any>): Promise<void> {
  const db = anyDb as Db;
  for (const shipped of SHIPPED_POLICIES) {
    const document = JSON.stringify(shipped.document, null, 2);
    const arn = awsManagedPolicyArn(shipped.name, shipped.path);
    const existing = await db.selectFrom('iam_managed_policies').selectAll().where('arn', '=', arn).executeTakeFirst();
    if (!existing) {
      await insertManagedPolicy(db, AWS_OWNER, {
        policyName: shipped.name, path: shipped.path, description: shipped.description, document,
        policyId: stableUniqueId('ANPA', arn),
      }, new Date('2026-01-01T00:00:00Z'));
    } else if ((await defaultPolicyDocument(db, existing)) !== document) {
      const versions = await db.selectFrom('iam_policy_versions').select('version_id').where('policy_id', '=', existing.policy_id).execute();
      // Keep the history within AWS's five-version limit by dropping the oldest non-default one.
      if (versions.length >= 5) {
        const oldest = versions.map((v) => v.version_id).filter((v) => v !== existing.default_version_id)
          .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))[0];
        await db.deleteFrom('iam_policy_versions').where('policy_id', '=', existing.policy_id).where('version_id', '=', oldest).execute();
      }
      await createPolicyVersion(db, existing, document, true);
    }
  }
}
