import type { Kysely } from 'kysely';
import { syncAwsManagedPolicies } from '../../iam/managed-policies';

/**
 * Identity: accounts, users, groups, roles, access keys, temporary sessions, managed and inline
 * policies, attachments, tags and login profiles. Plain text/integer columns only, so the same
 * statements run on SQLite and PostgreSQL. Names are unique per account through `name_key`
 * (lower-cased), because IAM names are case-insensitive.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('iam_accounts')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('alias', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  for (const [table, idColumn, nameColumn] of [
    ['iam_users', 'user_id', 'user_name'],
    ['iam_groups', 'group_id', 'group_name'],
  ] as const) {
    let builder = db.schema.createTable(table)
      .addColumn(idColumn, 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn(nameColumn, 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull());
    if (table === 'iam_users') builder = builder.addColumn('password_last_used', 'text');
    await builder.addUniqueConstraint(`${table}_name`, ['account_id', 'name_key']).execute();
  }

  await db.schema.createTable('iam_group_members')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('iam_group_members_user').on('iam_group_members').column('user_id').execute();

  await db.schema.createTable('iam_roles')
    .addColumn('role_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull())
    .addColumn('trust_policy', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('max_session_duration', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('last_used_region', 'text')
    .addUniqueConstraint('iam_roles_name', ['account_id', 'name_key'])
    .execute();

  await db.schema.createTable('iam_access_keys')
    .addColumn('access_key_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('last_used_service', 'text')
    .addColumn('last_used_region', 'text')
    .execute();
  await db.schema.createIndex('iam_access_keys_user').on('iam_access_keys').column('user_id').execute();

  await db.schema.createTable('iam_sessions')
    .addColumn('access_key_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('session_name', 'text')
    .addColumn('session_tags', 'text', (c) => c.notNull())
    .addColumn('session_policy', 'text')
    .execute();
  await db.schema.createIndex('iam_sessions_expiry').on('iam_sessions').column('expires_at').execute();

  await db.schema.createTable('iam_managed_policies')
    .addColumn('policy_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('policy_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('default_version_id', 'text', (c) => c.notNull())
    .addColumn('next_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('iam_managed_policies_name', ['account_id', 'name_key'])
    .execute();

  await db.schema.createTable('iam_policy_versions')
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_policy_versions_pk', ['policy_id', 'version_id'])
    .execute();

  await db.schema.createTable('iam_inline_policies')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('policy_name', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_inline_policies_pk', ['owner_kind', 'owner_id', 'policy_name'])
    .execute();

  await db.schema.createTable('iam_attachments')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_attachments_pk', ['owner_kind', 'owner_id', 'policy_id'])
    .execute();
  await db.schema.createIndex('iam_attachments_policy').on('iam_attachments').column('policy_id').execute();

  await db.schema.createTable('iam_tags')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('resource_kind', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('key_lower', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_tags_pk', ['resource_kind', 'resource_id', 'key_lower'])
    .execute();

  await db.schema.createTable('iam_login_profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_reset_required', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Every database starts with the AWS-managed policies Bosun ships.
  await syncAwsManagedPolicies(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'iam_login_profiles', 'iam_tags', 'iam_attachments', 'iam_inline_policies', 'iam_policy_versions',
    'iam_managed_policies', 'iam_sessions', 'iam_access_keys', 'iam_roles', 'iam_group_members',
    'iam_groups', 'iam_users', 'iam_accounts',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
