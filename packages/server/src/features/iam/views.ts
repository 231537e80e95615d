/** Database rows → the IAM model's output shapes. */
import type { IamTypes } from '@bosun/protocol';
import type { Tag } from '../../iam/store/tags';
import type { IamAccessKeyRow, IamGroupRow, IamManagedPolicyRow, IamRoleRow, IamUserRow } from '../../iam/store/tables';
import type { Page } from '../../iam/store/util';

/** AWS: policy documents come back URL-encoded (RFC 3986); the CLI and SDKs decode them. */
export const encodeDocument = (document: string): string => encodeURIComponent(document);

const withTags = (tags: Tag[] | undefined) => (tags && tags.length ? { Tags: tags } : {});

export function toUser(row: IamUserRow, tags?: Tag[]): IamTypes.User {
  return {
    Path: row.path,
    UserName: row.user_name,
    UserId: row.user_id,
    Arn: row.arn,
    CreateDate: new Date(row.created_at),
    ...(row.password_last_used ? { PasswordLastUsed: new Date(row.password_last_used) } : {}),
    ...withTags(tags),
  };
}

export function toGroup(row: IamGroupRow): IamTypes.Group {
  return { Path: row.path, GroupName: row.group_name, GroupId: row.group_id, Arn: row.arn, CreateDate: new Date(row.created_at) };
}

export function toRole(row: IamRoleRow, tags?: Tag[], detail = true): IamTypes.Role {
  return {
    Path: row.path,
    RoleName: row.role_name,
    RoleId: row.role_id,
    Arn: row.arn,
    CreateDate: new Date(row.created_at),
    AssumeRolePolicyDocument: encodeDocument(row.trust_policy),
    ...(row.description !== null ? { Description: row.description } : {}),
    MaxSessionDuration: row.max_session_duration,
    ...withTags(tags),
    // AWS: GetRole reports RoleLastUsed (empty when never used); ListRoles leaves it out.
    ...(detail ? {
      RoleLastUsed: row.last_used_at
        ? { LastUsedDate: new Date(row.last_used_at), ...(row.last_used_region ? { Region: row.last_used_region } : {}) }
        : {},
    } : {}),
  };
}

export function toPolicy(row: IamManagedPolicyRow, attachmentCount: number, tags?: Tag[]): IamTypes.Policy {
  return {
    PolicyName: row.policy_name,
    PolicyId: row.policy_id,
    Arn: row.arn,
    Path: row.path,
    DefaultVersionId: row.default_version_id,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(row.description !== null ? { Description: row.description } : {}),
    CreateDate: new Date(row.created_at),
    UpdateDate: new Date(row.updated_at),
    ...withTags(tags),
  };
}

export function toAttachedPolicy(row: IamManagedPolicyRow): IamTypes.AttachedPolicy {
  return { PolicyName: row.policy_name, PolicyArn: row.arn };
}

export function toAccessKeyMetadata(row: IamAccessKeyRow, userName: string): IamTypes.AccessKeyMetadata {
  return { UserName: userName, AccessKeyId: row.access_key_id, Status: row.status, CreateDate: new Date(row.created_at) };
}

/** IsTruncated always; Marker only when there is more. */
export function pageMembers(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return page.isTruncated ? { IsTruncated: true, Marker: page.marker } : { IsTruncated: false };
}
