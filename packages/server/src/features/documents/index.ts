/**
 * SSM documents: the operations the front door dispatches, the built-ins, and what Run Command
 * uses to run one (documentForExecution → resolveParameters → renderSteps). The only door
 * other rooms may use.
 */
import type { OperationDef } from '../../operations/types';
import { createDocumentOperation } from './create-document';
import { deleteDocumentOperation } from './delete-document';
import { describeDocumentOperation } from './describe-document';
import { describeDocumentPermissionOperation } from './describe-document-permission';
import { getDocumentOperation } from './get-document';
import { listDocumentVersionsOperation } from './list-document-versions';
import { listDocumentsOperation } from './list-documents';
import { modifyDocumentPermissionOperation } from './modify-document-permission';
import { updateDocumentOperation } from './update-document';
import { updateDocumentDefaultVersionOperation } from './update-document-default-version';

export const documentOperations: OperationDef[] = [
  createDocumentOperation,
  getDocumentOperation,
  describeDocumentOperation,
  listDocumentsOperation,
  listDocumentVersionsOperation,
  updateDocumentOperation,
  updateDocumentDefaultVersionOperation,
  deleteDocumentOperation,
  describeDocumentPermissionOperation,
  modifyDocumentPermissionOperation,
];

export { documentForExecution } from './execution';
export { resolveParameters } from './resolve-parameters';
export { renderSteps } from './render-steps';
export type { ExecutableDocument } from './executable';
export type { DocumentParameterSpec } from './parameter-spec';
export { registerBuiltinDocument } from './builtins/index';
export { documentArn } from './names';
// Session Manager reads Session documents (not runnable by SendCommand) through these.
export { readDocumentVersion, documentResourceArn } from './resolve';
export { parseContent } from './content';
export { DEFAULT_SESSION_INPUTS, SESSION_PREFERENCES_DOCUMENT, ssmSessionManagerRunShell } from './builtins/ssm-session-manager-run-shell';
export { documentTaggable } from './tagging';
