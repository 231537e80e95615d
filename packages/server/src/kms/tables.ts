/**
 * The key service's tables. Keys belong to one account and region; key material is stored
 * only sealed with the server's master key (one row per key version, so rotation never
 * loses the material older ciphertexts need).
 */
export type KmsKeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KmsKeyRow {
  key_id: string;
  account_id: string;
  region: string;
  arn: string;
  description: string;
  key_usage: string;
  key_spec: string;
  origin: string;
  /** CUSTOMER or AWS (the service-created alias/aws/* keys). */
  key_manager: string;
  key_state: KmsKeyState;
  created_at: string;
  /** PendingDeletion only: when the key will be deleted. */
  deletion_date: string | null;
  pending_window_days: number | null;
  /** 0/1 */
  rotation_enabled: number;
  rotation_period_days: number | null;
  next_rotation_at: string | null;
  current_version: number;
  /** The key policy document, exactly as stored. */
  policy: string;
}

export interface KmsKeyVersionRow {
  key_id: string;
  version: number;
  /** 32 random bytes sealed by SecretBox, bound (AAD) to account, region, key and version. */
  sealed_material: string;
  created_at: string;
  /** Null for the original material; AUTOMATIC or ON_DEMAND for a rotation. */
  rotation_type: string | null;
}

export interface KmsAliasRow {
  account_id: string;
  region: string;
  alias_name: string;
  alias_arn: string;
  target_key_id: string;
  created_at: string;
  updated_at: string;
}

export interface KmsKeyTagRow {
  key_id: string;
  tag_key: string;
  tag_value: string;
}

export interface KmsTables {
  kms_keys: KmsKeyRow;
  kms_key_versions: KmsKeyVersionRow;
  kms_aliases: KmsAliasRow;
  kms_key_tags: KmsKeyTagRow;
}
