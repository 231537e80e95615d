import type { Db } from '../db/index';
import type { AuditEvent, AuditProblem } from './types';

/**
 * Checks the lookup index (audit_event_resources) of one page of intact records against the
 * resources each record authenticates. The index is what LookupEvents filters ResourceType and
 * ResourceName on, so a row removed or changed there would hide an event from those lookups.
 */
export async function checkResourceIndex(db: Db, intact: AuditEvent[], problems: AuditProblem[]): Promise<void> {
  if (intact.length === 0) return;
  const indexed = new Map<string, string[]>();
  const rows = await db.selectFrom('audit_event_resources').selectAll()
    .where('event_id', 'in', intact.map((r) => r.event_id))
    .execute();
  for (const r of rows) {
    const list = indexed.get(r.event_id) ?? [];
    list.push(entry(r.account_id, r.region, r.resource_type, r.resource_name));
    indexed.set(r.event_id, list);
  }
  for (const record of intact) {
    const expected = (JSON.parse(record.resources) as Array<{ type: string; name: string }>)
      .map((r) => entry(record.account_id, record.region, r.type, r.name)).sort();
    const actual = (indexed.get(record.event_id) ?? []).sort();
    if (expected.join('\n\n') !== actual.join('\n\n')) {
      const seq = Number(record.seq);
      problems.push({ seq, problem: `the resource lookup index of record ${seq} was altered` });
    }
  }
}

function entry(account: string, region: string, type: string, name: string): string {
  return JSON.stringify([account, region, type, name]);
}
