import type { OperationDef } from '../operations/types';
import { iamOperations } from './iam/index';
import { stsOperations } from './sts/index';
import { lookupEventsOperation } from './cloudtrail/lookup-events';
import { parameterOperations } from './parameters/index';
import { instanceOperations } from './instances/index';

/** Every operation the server implements; a feature joins the server by being listed here. */
export function allOperations(): OperationDef[] {
  return [...iamOperations, ...stsOperations, lookupEventsOperation, ...parameterOperations, ...instanceOperations];
}
