import crypto from 'node:crypto';
import type { Db } from '../db/index';
import { keyArn } from './arns';
import { insertKey } from './key-store';
import { newSealedMaterial } from './material';
import type { KmsKeyRow } from './tables';

export interface NewKey {
  accountId: string;
  region: string;
  description: string;
  keyManager: 'CUSTOMER' | 'AWS';
  policy: string;
  tags: Record<string, string>;
  now: Date;
}

/** Creates a symmetric ENCRYPT_DECRYPT key with its first material version. */
export async function createKeyRecord(db: Db, spec: NewKey): Promise<KmsKeyRow> {
  const keyId = crypto.randomUUID();
  const now = spec.now.toISOString();
  const awsManaged = spec.keyManager === 'AWS';
  const row: KmsKeyRow = {
    key_id: keyId,
    account_id: spec.accountId,
    region: spec.region,
    arn: keyArn(spec.region, spec.accountId, keyId),
    description: spec.description,
    key_usage: 'ENCRYPT_DECRYPT',
    key_spec: 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    key_manager: spec.keyManager,
    key_state: 'Enabled',
    created_at: now,
    deletion_date: null,
    pending_window_days: null,
    // AWS: AWS managed keys rotate every year, always; customer keys start with rotation off.
    rotation_enabled: awsManaged ? 1 : 0,
    rotation_period_days: awsManaged ? 365 : null,
    next_rotation_at: awsManaged ? new Date(spec.now.getTime() + 365 * 86_400_000).toISOString() : null,
    current_version: 1,
    policy: spec.policy,
  };
  await insertKey(db, row, {
    key_id: keyId,
    version: 1,
    sealed_material: newSealedMaterial(spec.accountId, spec.region, keyId, 1),
    created_at: now,
    rotation_type: null,
  }, spec.tags);
  return row;
}
