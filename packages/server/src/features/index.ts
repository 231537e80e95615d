import type { OperationDef } from '../operations/types';
import type { ScheduledJob } from '../scheduler/index';
import { identityJobs } from '../iam/jobs';
import { eventJobs, eventsOperations } from './events/index';
import { iamOperations } from './iam/index';
import { stsOperations } from './sts/index';
import { lookupEventsOperation } from './cloudtrail/lookup-events';
import { kmsOperations } from './kms/index';
import { parameterJobs, parameterOperations, parameterTaggable } from './parameters/index';
import { registerTaggable, taggingOperations } from './tagging/index';
import { instanceTaggable } from './instances/tags';
import { instanceOperations } from './instances/index';
import { documentOperations, documentTaggable } from './documents/index';
import { commandJobs, commandOperations } from './commands/index';
import { sessionOperations } from './sessions/index';
import { serviceSettingOperations } from './service-settings/index';

// The resource types the shared SSM tag operations serve, each owned by its room.
registerTaggable('Parameter', parameterTaggable);
registerTaggable('ManagedInstance', instanceTaggable);
registerTaggable('Document', documentTaggable);

/** Every operation the server implements; a feature joins the server by being listed here. */
export function allOperations(): OperationDef[] {
  return [
    ...iamOperations,
    ...stsOperations,
    lookupEventsOperation,
    ...kmsOperations,
    ...parameterOperations,
    ...taggingOperations,
    ...instanceOperations,
    ...eventsOperations,
    ...documentOperations,
    ...commandOperations,
    ...sessionOperations,
    ...serviceSettingOperations,
  ];
}

/** Every recurring job the scheduler runs (parameter policies, associations…); features export arrays of them. */
export function allJobs(): ScheduledJob[] {
  return [...identityJobs, ...parameterJobs, ...eventJobs, ...commandJobs];
}
