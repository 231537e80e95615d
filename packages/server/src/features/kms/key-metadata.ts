import type { KmsTypes } from '@bosun/protocol';
import type { KmsKeyRow } from '../../kms/tables';

/** The KeyMetadata structure CreateKey and DescribeKey answer with. */
export function toKeyMetadata(row: KmsKeyRow): KmsTypes.KeyMetadata {
  return {
    AWSAccountId: row.account_id,
    KeyId: row.key_id,
    Arn: row.arn,
    CreationDate: new Date(row.created_at),
    Enabled: row.key_state === 'Enabled',
    Description: row.description,
    KeyUsage: row.key_usage as KmsTypes.KeyUsageType,
    KeyState: row.key_state,
    ...(row.deletion_date ? { DeletionDate: new Date(row.deletion_date) } : {}),
    Origin: row.origin as KmsTypes.OriginType,
    KeyManager: row.key_manager as KmsTypes.KeyManagerType,
    // AWS: still returned alongside KeySpec for compatibility with older clients.
    CustomerMasterKeySpec: row.key_spec as KmsTypes.CustomerMasterKeySpec,
    KeySpec: row.key_spec as KmsTypes.KeySpec,
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  };
}
