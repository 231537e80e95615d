import type { Db } from '../db/index';
import type { ManagedInstancesTable } from './tables';

export type InstanceRow = ManagedInstancesTable;
export type FactColumns = Pick<InstanceRow, 'platform_type' | 'platform_name' | 'platform_version' | 'ip_address' | 'computer_name' | 'agent_version'>;

export async function insertInstance(db: Db, row: InstanceRow, tags: Array<{ Key: string; Value: string }>): Promise<void> {
  await db.insertInto('managed_instances').values(row).execute();
  if (tags.length > 0) {
    await db.insertInto('managed_instance_tags')
      .values(tags.map((t) => ({ instance_id: row.instance_id, tag_key: t.Key, tag_value: t.Value })))
      .execute();
  }
}

export async function findInstance(db: Db, instanceId: string): Promise<InstanceRow | undefined> {
  return db.selectFrom('managed_instances').selectAll().where('instance_id', '=', instanceId).executeTakeFirst();
}

/** A node of this account and region (deregistered ones included: AWS lists them as Inactive). */
export async function findScopedInstance(db: Db, accountId: string, region: string, instanceId: string): Promise<InstanceRow | undefined> {
  return db.selectFrom('managed_instances').selectAll()
    .where('instance_id', '=', instanceId).where('account_id', '=', accountId).where('region', '=', region)
    .executeTakeFirst();
}

export async function listInstances(db: Db, accountId: string, region: string, after: string | undefined): Promise<InstanceRow[]> {
  let query = db.selectFrom('managed_instances').selectAll().where('account_id', '=', accountId).where('region', '=', region);
  if (after !== undefined) query = query.where('instance_id', '>', after);
  return query.orderBy('instance_id').execute();
}

export async function markSeen(db: Db, instanceId: string, now: Date, status: 'Online' | 'ConnectionLost' = 'Online'): Promise<void> {
  await db.updateTable('managed_instances').set({ ping_status: status, last_ping_at: now.toISOString() })
    .where('instance_id', '=', instanceId).where('deregistered_at', 'is', null).execute();
}

export async function markConnectionLost(db: Db, instanceId: string): Promise<void> {
  await db.updateTable('managed_instances').set({ ping_status: 'ConnectionLost' })
    .where('instance_id', '=', instanceId).where('deregistered_at', 'is', null).execute();
}

/** Online rows whose last heartbeat is older than `before` become ConnectionLost; returns their ids. */
export async function sweepStale(db: Db, before: Date): Promise<string[]> {
  const stale = await db.selectFrom('managed_instances').select('instance_id')
    .where('ping_status', '=', 'Online').where('last_ping_at', '<', before.toISOString()).execute();
  if (stale.length === 0) return [];
  const ids = stale.map((r) => r.instance_id);
  await db.updateTable('managed_instances').set({ ping_status: 'ConnectionLost' })
    .where('instance_id', 'in', ids).where('ping_status', '=', 'Online').where('last_ping_at', '<', before.toISOString()).execute();
  return ids;
}

export async function updateFacts(db: Db, instanceId: string, columns: FactColumns): Promise<void> {
  await db.updateTable('managed_instances').set(columns).where('instance_id', '=', instanceId).execute();
}

export async function markDeregistered(db: Db, instanceId: string, now: Date): Promise<void> {
  await db.updateTable('managed_instances').set({ ping_status: 'Inactive', deregistered_at: now.toISOString() })
    .where('instance_id', '=', instanceId).execute();
}

export async function setInstanceRole(db: Db, instanceId: string, iamRole: string): Promise<void> {
  await db.updateTable('managed_instances').set({ iam_role: iamRole }).where('instance_id', '=', instanceId).execute();
}

export async function tagsOfInstances(db: Db, instanceIds: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (instanceIds.length === 0) return out;
  const rows = await db.selectFrom('managed_instance_tags').selectAll().where('instance_id', 'in', instanceIds).execute();
  for (const r of rows) {
    const tags = out.get(r.instance_id) ?? {};
    tags[r.tag_key] = r.tag_value;
    out.set(r.instance_id, tags);
  }
  return out;
}

/**
 * Ends every role session issued to a node: its credentials stop working (after the front
 * door's few-second key cache) when it is deregistered or moved to another role.
 */
export async function revokeNodeSessions(db: Db, accountId: string, instanceId: string): Promise<void> {
  await db.deleteFrom('iam_sessions').where('account_id', '=', accountId).where('kind', '=', 'assumed-role')
    .where('session_name', '=', instanceId).execute();
}
