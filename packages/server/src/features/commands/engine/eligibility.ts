/**
 * Whether a node can take a command at all, decided on the server before anything is sent:
 * a node deregistered since SendCommand is Undeliverable; a node whose platform is not among
 * the document's platformTypes is InvalidPlatform (AWS never sends it the job).
 */
import type { Db } from '../../../db/index';
import type { DocumentSnapshot } from './snapshot';

export type Ineligible = 'Undeliverable' | 'InvalidPlatform';

/** The nodes among `instanceIds` that must not get the job, and why. */
export async function ineligibleNodes(db: Db, snapshot: Pick<DocumentSnapshot, 'platformTypes'>, instanceIds: string[]): Promise<Map<string, Ineligible>> {
  const out = new Map<string, Ineligible>();
  for (let i = 0; i < instanceIds.length; i += 500) {
    const slice = instanceIds.slice(i, i + 500);
    const rows = await db.selectFrom('managed_instances').select(['instance_id', 'platform_type', 'deregistered_at'])
      .where('instance_id', 'in', slice).execute();
    const found = new Map(rows.map((r) => [r.instance_id, r]));
    for (const id of slice) {
      const node = found.get(id);
      // AWS: "the node might not exist": a deregistered (or deleted) node cannot be reached.
      if (!node || node.deregistered_at) out.set(id, 'Undeliverable');
      else if (!platformMatches(snapshot.platformTypes, node.platform_type)) out.set(id, 'InvalidPlatform');
    }
  }
  return out;
}

/**
 * AWS: a document lists the platforms it runs on; a node of another platform is InvalidPlatform.
 * A node that has not reported its platform yet gets the benefit of the doubt (its agent
 * still checks step preconditions).
 */
export function platformMatches(platformTypes: readonly string[], nodePlatform: string | null): boolean {
  if (platformTypes.length === 0 || !nodePlatform) return true;
  return platformTypes.includes(nodePlatform);
}
