import { sql } from 'kysely';
import type { Db } from '../db/index';
import type { ActivationsTable } from './tables';

export type ActivationRow = ActivationsTable;
export interface Tag { Key: string; Value: string }

export async function insertActivation(db: Db, row: ActivationRow): Promise<void> {
  await db.insertInto('activations').values(row).execute();
}

export async function findActivation(db: Db, activationId: string): Promise<ActivationRow | undefined> {
  return db.selectFrom('activations').selectAll().where('activation_id', '=', activationId).executeTakeFirst();
}

export async function deleteActivation(db: Db, accountId: string, region: string, activationId: string): Promise<boolean> {
  const result = await db.deleteFrom('activations')
    .where('account_id', '=', accountId).where('region', '=', region).where('activation_id', '=', activationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface ActivationQuery {
  accountId: string;
  region: string;
  activationIds?: string[];
  defaultInstanceNames?: string[];
  iamRoles?: string[];
  /** Exclusive: the last activation id of the previous page. */
  after?: string;
  limit: number;
}

export async function listActivations(db: Db, q: ActivationQuery): Promise<ActivationRow[]> {
  let query = db.selectFrom('activations').selectAll().where('account_id', '=', q.accountId).where('region', '=', q.region);
  if (q.activationIds) query = query.where('activation_id', 'in', q.activationIds);
  if (q.defaultInstanceNames) query = query.where('default_instance_name', 'in', q.defaultInstanceNames);
  if (q.iamRoles) query = query.where('iam_role', 'in', q.iamRoles);
  if (q.after !== undefined) query = query.where('activation_id', '>', q.after);
  return query.orderBy('activation_id').limit(q.limit).execute();
}

/**
 * Takes one registration slot if the activation still has one; false when it is used up.
 * One conditional UPDATE, so concurrent registrations on several replicas never overshoot.
 */
export async function claimRegistration(db: Db, activationId: string): Promise<boolean> {
  const result = await db.updateTable('activations')
    .set({ registrations_count: sql`registrations_count + 1` })
    .where('activation_id', '=', activationId)
    .where(sql<boolean>`registrations_count < registration_limit`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const parseTags = (json: string): Tag[] => JSON.parse(json) as Tag[];
