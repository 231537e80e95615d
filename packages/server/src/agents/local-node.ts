/**
 * What `bosun up` needs to enrol the local machine without any API call: a role SSM may
 * assume with AmazonSSMManagedInstanceCore, and an activation for it. CreateActivation uses the
 * same `createActivationRecord`.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/index';
import { awsManagedPolicyArn, syncAwsManagedPolicies } from '../iam/managed-policies';
import { attachPolicy } from '../iam/store/attachments';
import { getManagedPolicy } from '../iam/store/managed-policies';
import { insertRole } from '../iam/store/roles';
import { insertActivation, type Tag } from './activation-store';
import { hashActivationCode, newActivationCode } from './ids';
import { findNodeRole } from './node-role';

export const SSM_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Creates the role (trusting ssm.amazonaws.com, AmazonSSMManagedInstanceCore attached) unless it exists. */
export async function ensureNodeRole(db: Db, accountId: string, roleName = 'BosunNodeRole'): Promise<string> {
  if (await findNodeRole(db, accountId, roleName)) return roleName;
  await syncAwsManagedPolicies(db);
  const role = await insertRole(db, accountId, { roleName, trustPolicy: SSM_TRUST_POLICY, description: 'Managed nodes registered by bosun up' });
  const core = await getManagedPolicy(db, accountId, awsManagedPolicyArn('AmazonSSMManagedInstanceCore'));
  await attachPolicy(db, { kind: 'role', id: role.role_id, accountId, name: roleName }, core);
  return roleName;
}

export interface NewActivation {
  accountId: string;
  region: string;
  iamRole: string;
  description?: string;
  defaultInstanceName?: string;
  registrationLimit?: number;
  expirationDate: Date;
  tags?: Tag[];
  now?: Date;
}

/** Stores an activation (only the code's hash) and returns its id and code. */
export async function createActivationRecord(db: Db, a: NewActivation): Promise<{ activationId: string; activationCode: string }> {
  const activationId = crypto.randomUUID();
  const activationCode = newActivationCode();
  await insertActivation(db, {
    activation_id: activationId,
    account_id: a.accountId,
    region: a.region,
    description: a.description ?? null,
    default_instance_name: a.defaultInstanceName ?? null,
    iam_role: a.iamRole,
    // AWS: one registration unless RegistrationLimit says more (the model caps it at 1000).
    registration_limit: a.registrationLimit ?? 1,
    registrations_count: 0,
    expiration_date: a.expirationDate.toISOString(),
    created_date: (a.now ?? new Date()).toISOString(),
    code_hash: hashActivationCode(activationCode),
    tags: JSON.stringify(a.tags ?? []),
  });
  return { activationId, activationCode };
}
