/**
 * Parameter Store: the operations the front door dispatches and the scheduler jobs that carry
 * out parameter policies. The only door other rooms may use.
 */
import type { OperationDef } from '../../operations/types';
import { addTagsToResourceOperation } from './add-tags-to-resource';
import { deleteParameterOperation } from './delete-parameter';
import { deleteParametersOperation } from './delete-parameters';
import { describeParametersOperation } from './describe-parameters';
import { getParameterOperation } from './get-parameter';
import { getParameterHistoryOperation } from './get-parameter-history';
import { getParametersOperation } from './get-parameters';
import { getParametersByPathOperation } from './get-parameters-by-path';
import { labelParameterVersionOperation } from './label-parameter-version';
import { listTagsForResourceOperation } from './list-tags-for-resource';
import { putParameterOperation } from './put-parameter';
import { removeTagsFromResourceOperation } from './remove-tags-from-resource';
import { unlabelParameterVersionOperation } from './unlabel-parameter-version';

export const parameterOperations: OperationDef[] = [
  putParameterOperation,
  getParameterOperation,
  getParametersOperation,
  getParametersByPathOperation,
  describeParametersOperation,
  getParameterHistoryOperation,
  labelParameterVersionOperation,
  unlabelParameterVersionOperation,
  deleteParameterOperation,
  deleteParametersOperation,
  addTagsToResourceOperation,
  listTagsForResourceOperation,
  removeTagsFromResourceOperation,
];

export { parameterJobs, runParameterPolicies, type JobRun } from './policy-jobs';
export { parameterArn } from './names';
