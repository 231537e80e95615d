/**
 * Parameter Store's tables. `parameters` holds one row per live parameter with its newest
 * version's metadata (what DescribeParameters filters on); `parameter_versions` every kept
 * version, value included. SecureString values are only ever stored as KMS ciphertext (base64).
 */
export interface ParametersTable {
  account_id: string;
  region: string;
  name: string;
  /** For one-level listings: `/a/b` for `/a/b/c`, `/` for `/c`, empty for plain names. */
  parent_path: string;
  /** The newest version; bumped under a row lock. */
  version: number;
  type: string;
  key_id: string | null;
  tier: string;
  data_type: string;
  description: string | null;
  allowed_pattern: string | null;
  /** JSON text of StoredPolicy[], or null. */
  policies: string | null;
  last_modified_date: string;
  last_modified_user: string;
  /** When the scheduler last found an unchanged parameter due (NoChangeNotification), ISO text. */
  no_change_notified_at: string | null;
}

export interface ParameterVersionsTable {
  account_id: string;
  region: string;
  name: string;
  version: number;
  type: string;
  /** Clear text for String/StringList; base64 KMS ciphertext for SecureString. */
  value: string;
  key_id: string | null;
  tier: string;
  data_type: string;
  description: string | null;
  allowed_pattern: string | null;
  policies: string | null;
  last_modified_date: string;
  last_modified_user: string;
}

export interface ParameterLabelsTable {
  account_id: string;
  region: string;
  name: string;
  label: string;
  version: number;
}

export interface ParameterTagsTable {
  account_id: string;
  region: string;
  name: string;
  tag_key: string;
  tag_value: string;
}

export interface ParameterTables {
  parameters: ParametersTable;
  parameter_versions: ParameterVersionsTable;
  parameter_labels: ParameterLabelsTable;
  parameter_tags: ParameterTagsTable;
}
