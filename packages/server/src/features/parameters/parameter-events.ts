import type { Kysely } from 'kysely';
import type { Database, Db } from '../../db/index';
import { emitEvent } from '../../events/emit';
import type { Scope } from './store';

/**
 * The two event types Parameter Store sends, shaped like AWS's EventBridge events. Emitted
 * inside the write's transaction, so an event exists exactly when its change does.
 */
export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'LabelParameterVersion';

export async function emitParameterChange(
  db: Kysely<Database>,
  scope: Scope,
  arn: string,
  change: { operation: ChangeOperation; name: string; type: string; description?: string | null },
  time: Date,
): Promise<void> {
  await emitEvent(db as Db, {
    accountId: scope.accountId,
    region: scope.region,
    source: 'aws.ssm',
    detailType: 'Parameter Store Change',
    resources: [arn],
    // AWS: detail is { operation, name, type, description }.
    detail: { operation: change.operation, name: change.name, type: change.type, description: change.description ?? '' },
    time,
  });
}

export async function emitPolicyAction(
  db: Kysely<Database>,
  scope: Scope,
  arn: string,
  action: { name: string; type: string; policyType: string; status: 'Finished' | 'Failed'; reason: string },
  time: Date,
): Promise<void> {
  await emitEvent(db as Db, {
    accountId: scope.accountId,
    region: scope.region,
    source: 'aws.ssm',
    detailType: 'Parameter Store Policy Action',
    resources: [arn],
    // AWS: detail members are kebab-case here, unlike Parameter Store Change.
    detail: {
      'parameter-name': action.name,
      'parameter-type': action.type,
      'policy-type': action.policyType,
      'action-status': action.status,
      'action-reason': action.reason,
    },
    time,
  });
}
