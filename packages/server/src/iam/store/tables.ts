/**
 * The identity tables (accounts, users, groups, roles, keys, sessions, policies), as Kysely
 * sees them. Text ids, ISO-8601 UTC text times, JSON as text, booleans as 0/1 — the same on
 * SQLite and PostgreSQL. Names are unique per account ignoring case (AWS: IAM names are
 * case-insensitive), so each named entity keeps a lower-cased `name_key` for the constraint.
 */

/** What an inline policy, an attachment or a tag belongs to. */
export type IdentityKind = 'user' | 'group' | 'role';

export interface IamAccountRow {
  account_id: string;
  alias: string | null;
  created_at: string;
}

export interface IamUserRow {
  user_id: string;
  account_id: string;
  user_name: string;
  name_key: string;
  path: string;
  arn: string;
  created_at: string;
  password_last_used: string | null;
}

export interface IamGroupRow {
  group_id: string;
  account_id: string;
  group_name: string;
  name_key: string;
  path: string;
  arn: string;
  created_at: string;
}

export interface IamGroupMemberRow {
  account_id: string;
  group_id: string;
  user_id: string;
}

export interface IamRoleRow {
  role_id: string;
  account_id: string;
  role_name: string;
  name_key: string;
  path: string;
  arn: string;
  /** The trust policy exactly as the caller sent it. */
  trust_policy: string;
  description: string | null;
  max_session_duration: number;
  created_at: string;
  last_used_at: string | null;
  last_used_region: string | null;
}

export interface IamAccessKeyRow {
  access_key_id: string;
  account_id: string;
  user_id: string;
  /** SecretBox-sealed; aad = `access-key:<account>:<key id>`. SigV4 needs the secret back. */
  secret_sealed: string;
  status: 'Active' | 'Inactive';
  created_at: string;
  last_used_at: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface IamSessionRow {
  access_key_id: string;
  account_id: string;
  secret_sealed: string;
  /** SHA-256 of the session token (hex); the token itself is never stored. */
  token_hash: string;
  expires_at: string;
  created_at: string;
  kind: 'assumed-role' | 'user' | 'federated-user';
  role_id: string | null;
  user_id: string | null;
  session_name: string | null;
  /** JSON object of session tags. */
  session_tags: string;
  /** JSON array of the session policy (AssumeRole's Policy), or null. */
  session_policy: string | null;
}

export interface IamManagedPolicyRow {
  policy_id: string;
  /** The owning account, or `aws` for the AWS-managed policies Bosun ships. */
  account_id: string;
  policy_name: string;
  name_key: string;
  path: string;
  arn: string;
  description: string | null;
  default_version_id: string;
  /** The number the next CreatePolicyVersion uses (AWS never reuses a version id). */
  next_version: number;
  created_at: string;
  updated_at: string;
}

export interface IamPolicyVersionRow {
  policy_id: string;
  version_id: string;
  document: string;
  created_at: string;
}

export interface IamInlinePolicyRow {
  account_id: string;
  owner_kind: IdentityKind;
  owner_id: string;
  policy_name: string;
  document: string;
}

export interface IamAttachmentRow {
  account_id: string;
  owner_kind: IdentityKind;
  owner_id: string;
  policy_id: string;
}

export interface IamTagRow {
  account_id: string;
  resource_kind: IdentityKind | 'policy';
  resource_id: string;
  tag_key: string;
  /** AWS: tag keys differing only in case are the same key in IAM. */
  key_lower: string;
  tag_value: string;
}

export interface IamLoginProfileRow {
  user_id: string;
  account_id: string;
  /** scrypt: `scrypt$N$r$p$salt$hash` (base64). */
  password_hash: string;
  password_reset_required: number;
  created_at: string;
}

export interface IdentityTables {
  iam_accounts: IamAccountRow;
  iam_users: IamUserRow;
  iam_groups: IamGroupRow;
  iam_group_members: IamGroupMemberRow;
  iam_roles: IamRoleRow;
  iam_access_keys: IamAccessKeyRow;
  iam_sessions: IamSessionRow;
  iam_managed_policies: IamManagedPolicyRow;
  iam_policy_versions: IamPolicyVersionRow;
  iam_inline_policies: IamInlinePolicyRow;
  iam_attachments: IamAttachmentRow;
  iam_tags: IamTagRow;
  iam_login_profiles: IamLoginProfileRow;
}
