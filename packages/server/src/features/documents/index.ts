/**
 * SSM documents: the operations the front door dispatches, the built-ins, and what Run Command
 * uses to run one (documentForExecution → resolveParameters → renderSteps). The only door
 * other rooms may use.
 */
import type { OperationDef } from '../../operations/types';

export const documentOperations: OperationDef[] = [];

export { documentForExecution } from './execution';
export { resolveParameters } from './resolve-parameters';
export { renderSteps } from './render-steps';
export type { ExecutableDocument } from './executable';
export type { DocumentParameterSpec } from './parameter-spec';
export { registerBuiltinDocument } from './builtins/index';
export { documentArn } from './names';
