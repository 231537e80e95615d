import type { Migration } from 'kysely';
import * as identity from './0001-identity';
import * as audit from './0002-audit';
import * as kms from './0003-kms';
import * as parameters from './0004-parameters';
import * as events from './0005-events';
import * as agents from './0006-agents';
import * as documents from './0007-documents';
import * as commands from './0008-commands';
import * as sessions from './0009-sessions';
import * as lookupIndexes from './0011-lookup-indexes';
import * as serviceSettings from './0012-service-settings';
import * as sessionReplicas from './0013-session-replicas';
import * as blobs from './0014-blobs';
import * as serverReplicas from './0015-server-replicas';
import * as delayedInvocations from './0016-delayed-invocations';

/**
 * Every migration, in order. Names sort lexically; never rename or edit one that has shipped.
 * 0010 was reserved and never written (Kysely refuses a new name that sorts before one a
 * database has already run, so it stays unused).
 */
export const migrations: Record<string, Migration> = {
  '0001-identity': identity,
  '0002-audit': audit,
  '0003-kms': kms,
  '0004-parameters': parameters,
  '0005-events': events,
  '0006-agents': agents,
  '0007-documents': documents,
  '0008-commands': commands,
  '0009-sessions': sessions,
  '0011-lookup-indexes': lookupIndexes,
  '0012-service-settings': serviceSettings,
  '0013-session-replicas': sessionReplicas,
  '0014-blobs': blobs,
  '0015-server-replicas': serverReplicas,
  '0016-delayed-invocations': delayedInvocations,
};
