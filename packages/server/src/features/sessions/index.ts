/**
 * Session Manager's API: StartSession, ResumeSession, TerminateSession, DescribeSessions,
 * GetConnectionStatus. The
 * data channels, recordings and timeouts are the relay's (src/sessions/).
 */
import type { OperationDef } from '../../operations/types';
import { describeSessionsOperation } from './describe-sessions';
import { getConnectionStatusOperation } from './get-connection-status';
import { resumeSessionOperation } from './resume-session';
import { startSessionOperation } from './start-session';
import { terminateSessionOperation } from './terminate-session';

export const sessionOperations: OperationDef[] = [
  startSessionOperation,
  resumeSessionOperation,
  terminateSessionOperation,
  describeSessionsOperation,
  getConnectionStatusOperation,
];

export { SESSION_EVENT_DETAIL_TYPE, SESSION_EVENT_SOURCE } from './session-events';
