/**
 * The KMS-compatible key service's operations (TrentService.* on the front door). Other
 * features use keys through `kms/index.ts`, not through these handlers.
 */
import type { OperationDef } from '../../operations/types';
import { cancelKeyDeletionOperation } from './cancel-key-deletion';
import { createAliasOperation } from './create-alias';
import { createKeyOperation } from './create-key';
import { decryptOperation } from './decrypt';
import { deleteAliasOperation } from './delete-alias';
import { describeKeyOperation } from './describe-key';
import { disableKeyRotationOperation } from './disable-key-rotation';
import { disableKeyOperation } from './disable-key';
import { enableKeyRotationOperation } from './enable-key-rotation';
import { enableKeyOperation } from './enable-key';
import { encryptOperation } from './encrypt';
import { generateDataKeyWithoutPlaintextOperation } from './generate-data-key-without-plaintext';
import { generateDataKeyOperation } from './generate-data-key';
import { generateRandomOperation } from './generate-random';
import { getKeyPolicyOperation } from './get-key-policy';
import { getKeyRotationStatusOperation } from './get-key-rotation-status';
import { listAliasesOperation } from './list-aliases';
import { listKeyPoliciesOperation } from './list-key-policies';
import { listKeyRotationsOperation } from './list-key-rotations';
import { listKeysOperation } from './list-keys';
import { listResourceTagsOperation } from './list-resource-tags';
import { putKeyPolicyOperation } from './put-key-policy';
import { reEncryptOperation } from './re-encrypt';
import { rotateKeyOnDemandOperation } from './rotate-key-on-demand';
import { scheduleKeyDeletionOperation } from './schedule-key-deletion';
import { tagResourceOperation } from './tag-resource';
import { untagResourceOperation } from './untag-resource';
import { updateAliasOperation } from './update-alias';
import { updateKeyDescriptionOperation } from './update-key-description';

export const kmsOperations: OperationDef[] = [
  cancelKeyDeletionOperation,
  createAliasOperation,
  createKeyOperation,
  decryptOperation,
  deleteAliasOperation,
  describeKeyOperation,
  disableKeyRotationOperation,
  disableKeyOperation,
  enableKeyRotationOperation,
  enableKeyOperation,
  encryptOperation,
  generateDataKeyWithoutPlaintextOperation,
  generateDataKeyOperation,
  generateRandomOperation,
  getKeyPolicyOperation,
  getKeyRotationStatusOperation,
  listAliasesOperation,
  listKeyPoliciesOperation,
  listKeyRotationsOperation,
  listKeysOperation,
  listResourceTagsOperation,
  putKeyPolicyOperation,
  reEncryptOperation,
  rotateKeyOnDemandOperation,
  scheduleKeyDeletionOperation,
  tagResourceOperation,
  untagResourceOperation,
  updateAliasOperation,
  updateKeyDescriptionOperation,
];
