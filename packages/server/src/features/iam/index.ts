/** The IAM API Bosun serves: every operation, one file each. Other rooms use only this door. */
import type { OperationDef } from '../../operations/types';
import { addUserToGroupOperation } from './add-user-to-group';
import { attachGroupPolicyOperation } from './attach-group-policy';
import { attachRolePolicyOperation } from './attach-role-policy';
import { attachUserPolicyOperation } from './attach-user-policy';
import { changePasswordOperation } from './change-password';
import { createAccessKeyOperation } from './create-access-key';
import { createGroupOperation } from './create-group';
import { createLoginProfileOperation } from './create-login-profile';
import { createPolicyVersionOperation } from './create-policy-version';
import { createPolicyOperation } from './create-policy';
import { createRoleOperation } from './create-role';
import { createUserOperation } from './create-user';
import { deleteAccessKeyOperation } from './delete-access-key';
import { deleteGroupPolicyOperation } from './delete-group-policy';
import { deleteGroupOperation } from './delete-group';
import { deleteLoginProfileOperation } from './delete-login-profile';
import { deletePolicyVersionOperation } from './delete-policy-version';
import { deletePolicyOperation } from './delete-policy';
import { deleteRolePolicyOperation } from './delete-role-policy';
import { deleteRoleOperation } from './delete-role';
import { deleteUserPolicyOperation } from './delete-user-policy';
import { deleteUserOperation } from './delete-user';
import { detachGroupPolicyOperation } from './detach-group-policy';
import { detachRolePolicyOperation } from './detach-role-policy';
import { detachUserPolicyOperation } from './detach-user-policy';
import { getAccessKeyLastUsedOperation } from './get-access-key-last-used';
import { getGroupPolicyOperation } from './get-group-policy';
import { getGroupOperation } from './get-group';
import { getLoginProfileOperation } from './get-login-profile';
import { getPolicyVersionOperation } from './get-policy-version';
import { getPolicyOperation } from './get-policy';
import { getRolePolicyOperation } from './get-role-policy';
import { getRoleOperation } from './get-role';
import { getUserPolicyOperation } from './get-user-policy';
import { getUserOperation } from './get-user';
import { listAccessKeysOperation } from './list-access-keys';
import { listAttachedGroupPoliciesOperation } from './list-attached-group-policies';
import { listAttachedRolePoliciesOperation } from './list-attached-role-policies';
import { listAttachedUserPoliciesOperation } from './list-attached-user-policies';
import { listEntitiesForPolicyOperation } from './list-entities-for-policy';
import { listGroupPoliciesOperation } from './list-group-policies';
import { listGroupsForUserOperation } from './list-groups-for-user';
import { listGroupsOperation } from './list-groups';
import { listInstanceProfilesForRoleOperation } from './list-instance-profiles-for-role';
import { listPoliciesOperation } from './list-policies';
import { listPolicyTagsOperation } from './list-policy-tags';
import { listPolicyVersionsOperation } from './list-policy-versions';
import { listRolePoliciesOperation } from './list-role-policies';
import { listRoleTagsOperation } from './list-role-tags';
import { listRolesOperation } from './list-roles';
import { listUserPoliciesOperation } from './list-user-policies';
import { listUserTagsOperation } from './list-user-tags';
import { listUsersOperation } from './list-users';
import { putGroupPolicyOperation } from './put-group-policy';
import { putRolePolicyOperation } from './put-role-policy';
import { putUserPolicyOperation } from './put-user-policy';
import { removeUserFromGroupOperation } from './remove-user-from-group';
import { setDefaultPolicyVersionOperation } from './set-default-policy-version';
import { tagPolicyOperation } from './tag-policy';
import { tagRoleOperation } from './tag-role';
import { tagUserOperation } from './tag-user';
import { untagPolicyOperation } from './untag-policy';
import { untagRoleOperation } from './untag-role';
import { untagUserOperation } from './untag-user';
import { updateAccessKeyOperation } from './update-access-key';
import { updateAssumeRolePolicyOperation } from './update-assume-role-policy';
import { updateLoginProfileOperation } from './update-login-profile';
import { updateRoleDescriptionOperation } from './update-role-description';
import { updateRoleOperation } from './update-role';
import { updateUserOperation } from './update-user';

export const iamOperations: OperationDef[] = [
  addUserToGroupOperation,
  attachGroupPolicyOperation,
  attachRolePolicyOperation,
  attachUserPolicyOperation,
  changePasswordOperation,
  createAccessKeyOperation,
  createGroupOperation,
  createLoginProfileOperation,
  createPolicyVersionOperation,
  createPolicyOperation,
  createRoleOperation,
  createUserOperation,
  deleteAccessKeyOperation,
  deleteGroupPolicyOperation,
  deleteGroupOperation,
  deleteLoginProfileOperation,
  deletePolicyVersionOperation,
  deletePolicyOperation,
  deleteRolePolicyOperation,
  deleteRoleOperation,
  deleteUserPolicyOperation,
  deleteUserOperation,
  detachGroupPolicyOperation,
  detachRolePolicyOperation,
  detachUserPolicyOperation,
  getAccessKeyLastUsedOperation,
  getGroupPolicyOperation,
  getGroupOperation,
  getLoginProfileOperation,
  getPolicyVersionOperation,
  getPolicyOperation,
  getRolePolicyOperation,
  getRoleOperation,
  getUserPolicyOperation,
  getUserOperation,
  listAccessKeysOperation,
  listAttachedGroupPoliciesOperation,
  listAttachedRolePoliciesOperation,
  listAttachedUserPoliciesOperation,
  listEntitiesForPolicyOperation,
  listGroupPoliciesOperation,
  listGroupsForUserOperation,
  listGroupsOperation,
  listInstanceProfilesForRoleOperation,
  listPoliciesOperation,
  listPolicyTagsOperation,
  listPolicyVersionsOperation,
  listRolePoliciesOperation,
  listRoleTagsOperation,
  listRolesOperation,
  listUserPoliciesOperation,
  listUserTagsOperation,
  listUsersOperation,
  putGroupPolicyOperation,
  putRolePolicyOperation,
  putUserPolicyOperation,
  removeUserFromGroupOperation,
  setDefaultPolicyVersionOperation,
  tagPolicyOperation,
  tagRoleOperation,
  tagUserOperation,
  untagPolicyOperation,
  untagRoleOperation,
  untagUserOperation,
  updateAccessKeyOperation,
  updateAssumeRolePolicyOperation,
  updateLoginProfileOperation,
  updateRoleDescriptionOperation,
  updateRoleOperation,
  updateUserOperation,
];
