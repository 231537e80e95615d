/** Hybrid activations and managed nodes: the SSM operations, and tag functions for the shared tag operations. */
import type { OperationDef } from '../../operations/types';
import { createActivationOperation } from './create-activation';
import { deleteActivationOperation } from './delete-activation';
import { deregisterManagedInstanceOperation } from './deregister-managed-instance';
import { describeActivationsOperation } from './describe-activations';
import { describeInstanceInformationOperation } from './describe-instance-information';
import { describeInstancePropertiesOperation } from './describe-instance-properties';
import { updateManagedInstanceRoleOperation } from './update-managed-instance-role';

export { addInstanceTags, listInstanceTags, removeInstanceTags, instanceResource } from './tags';

export const instanceOperations: OperationDef[] = [
  createActivationOperation,
  describeActivationsOperation,
  deleteActivationOperation,
  describeInstanceInformationOperation,
  describeInstancePropertiesOperation,
  deregisterManagedInstanceOperation,
  updateManagedInstanceRoleOperation,
];
