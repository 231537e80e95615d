import type { Db } from '../../db/index';
import type { ScheduledJob } from '../../scheduler/scheduler';
import { parameterArn } from './names';
import { emitParameterChange, emitPolicyAction } from './parameter-events';
import { readStoredPolicies, type StoredPolicy } from './policies';
import { deleteParameterRows, findParameter, type ParameterRow, type Scope } from './store';
import { withParameterLock } from './write-lock';

/**
 * Carries out parameter policies: Expiration deletes the parameter, ExpirationNotification
 * and NoChangeNotification emit "Parameter Store Policy Action" events. Each parameter is
 * handled under its write lock, so a PutParameter racing the job is seen before or after,
 * never halfway; a policy fires once (its status moves to Finished).
 */
export interface JobRun {
  db: Db;
  now(): Date;
  logger: { info(...args: unknown[]): void; error(...args: unknown[]): void };
}

const HOUR = 3_600_000;

export async function runParameterPolicies(job: JobRun): Promise<number> {
  const rows = await job.db.selectFrom('parameters').select(['account_id', 'region', 'name'])
    .where('policies', 'is not', null)
    .execute();
  let actions = 0;
  for (const r of rows) {
    try {
      actions += await applyPolicies(job.db, { accountId: r.account_id, region: r.region }, r.name, job.now());
    } catch (error) {
      job.logger.error({ err: error, parameter: r.name }, 'parameter policy run failed');
    }
  }
  return actions;
}

async function applyPolicies(db: Db, scope: Scope, name: string, now: Date): Promise<number> {
  return withParameterLock(db, scope, name, async (trx) => {
    const row = await findParameter(trx, scope, name);
    if (!row?.policies) return 0;
    const arn = parameterArn(scope.region, scope.accountId, name);
    const policies = readStoredPolicies(row.policies);
    const expiration = policies.find((p) => p.PolicyType === 'Expiration');
    let fired = 0;
    const action = (p: StoredPolicy, reason: string) =>
      emitPolicyAction(trx, scope, arn, { name, type: row.type, policyType: p.PolicyType, status: 'Finished', reason }, now);

    if (expiration?.expiresAt && expiration.expiresAt.getTime() <= now.getTime()) {
      await deleteParameterRows(trx, scope, name);
      await action(expiration, `Parameter ${name} has been deleted because it expired at ${expiration.expiresAt.toISOString()}.`);
      await emitParameterChange(trx, scope, arn, { operation: 'Delete', name, type: row.type, description: row.description }, now);
      return 1;
    }
    for (const p of policies) {
      if (p.PolicyStatus !== 'Pending' || p.offsetMs === undefined) continue;
      if (p.PolicyType === 'ExpirationNotification' && expiration?.expiresAt && now.getTime() >= expiration.expiresAt.getTime() - p.offsetMs) {
        await action(p, `Parameter ${name} will expire at ${expiration.expiresAt.toISOString()} (${describeSpan(p.offsetMs)} notice).`);
        p.PolicyStatus = 'Finished';
        fired++;
      }
      if (p.PolicyType === 'NoChangeNotification' && unchangedFor(row, now) >= p.offsetMs) {
        await action(p, `Parameter ${name} has not been modified for ${describeSpan(p.offsetMs)}.`);
        p.PolicyStatus = 'Finished';
        fired++;
      }
    }
    if (fired > 0) {
      const stored: StoredPolicy[] = policies.map((p) => ({ PolicyText: p.PolicyText, PolicyType: p.PolicyType, PolicyStatus: p.PolicyStatus }));
      await trx.updateTable('parameters').set({ policies: JSON.stringify(stored), no_change_notified_at: now.toISOString() })
        .where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name)
        .execute();
    }
    return fired;
  });
}

function unchangedFor(row: ParameterRow, now: Date): number {
  return now.getTime() - new Date(row.last_modified_date).getTime();
}

function describeSpan(ms: number): string {
  return ms % (24 * HOUR) === 0 ? `${ms / (24 * HOUR)} days` : `${ms / HOUR} hours`;
}

export const parameterJobs: ScheduledJob[] = [
  { name: 'parameter-policies', everyMs: 60_000, run: async (job: JobRun) => { await runParameterPolicies(job); } },
];
