/**
 * Parameter Store: the operations the front door dispatches and the scheduler jobs that carry
 * out parameter policies. The only door other rooms may use.
 */
import type { OperationDef } from '../../operations/types';
import { deleteParameterOperation } from './delete-parameter';
import { deleteParametersOperation } from './delete-parameters';
import { describeParametersOperation } from './describe-parameters';
import { getParameterOperation } from './get-parameter';
import { getParameterHistoryOperation } from './get-parameter-history';
import { getParametersOperation } from './get-parameters';
import { getParametersByPathOperation } from './get-parameters-by-path';
import { labelParameterVersionOperation } from './label-parameter-version';
import { putParameterOperation } from './put-parameter';
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
];

export { parameterJobs, runParameterPolicies, type JobRun } from './policy-jobs';
export { parameterArn } from './names';
export { parameterTaggable } from './tagging';
