import { auditIndexed } from './journal';
import type { Db } from '../db/index';
import { GENESIS_HASH, headMac, recordHash, sameDigest, unkeyedHash } from './chain';
import { LinkReport } from './link-report';
import { checkResourceIndex } from './resource-index';
import type { AuditEvent, AuditProblem, AuditVerification } from './types';

const PAGE_SIZE = 500;

/**
 * Reads the whole audit chain in seq order, a page at a time, and reports every way it differs
 * from what `appendAuditEvent` wrote: edited records (their HMAC no longer matches), missing
 * records (gaps in seq), records out of order (intact, but chained to another predecessor), a
 * chain that ends before its head says it should (the newest records removed), records past the
 * head, a head set by hand, and a resource lookup index that no longer matches the records.
 */
export async function verifyAuditChain(
  db: Db,
  chainKey: Buffer,
  options: { pageSize?: number } = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const problems: AuditProblem[] = [];
  const links = new LinkReport(problems);
  // The head is read first, and only records up to it are checked: a server may append while
  // this runs, and those records belong to the next verification, not to this one's verdict.
  await auditIndexed(db);
  const head = await readHead(db);
  const headValid = !!head && head.mac !== null && sameDigest(head.mac, headMac(chainKey, head.seq, head.hash));
  let checked = 0;
  let expectedSeq = 1;
  let last = { seq: 0, hash: GENESIS_HASH, intact: true };

  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().orderBy('seq').limit(pageSize);
    if (checked > 0) query = query.where('seq', '>', last.seq);
    if (headValid) query = query.where('seq', '<=', head.seq);
    const rows = await query.execute();
    const intactRows: AuditEvent[] = [];
    for (const row of rows) {
      checked++;
      const seq = Number(row.seq);
      const gap = seq !== expectedSeq;
      if (gap) problems.push(gapProblem(expectedSeq, seq));
      const intact = checkRecord(chainKey, row, seq, problems);
      if (intact) intactRows.push(row);
      links.next(seq, !gap && intact && last.intact && row.prev_hash !== last.hash);
      expectedSeq = seq + 1;
      last = { seq, hash: row.hash, intact };
    }
    await checkResourceIndex(db, intactRows, problems);
    if (rows.length < pageSize) break;
  }

  let brokenToHead = false;
  if (!head) {
    problems.push({ seq: 0, problem: 'the chain head is missing' });
  } else if (head.mac === null) {
    // The empty chain the migration made. Records beside it are fine only if a server has
    // appended them (and moved the head) since the head was read.
    const emptyHead = head.seq === 0 && head.hash === GENESIS_HASH;
    if (!emptyHead || (checked > 0 && !(await headMovedPast(db, chainKey, 0)))) {
      problems.push({ seq: 0, problem: 'the chain head was reset to an empty chain' });
    }
  } else if (!headValid) {
    problems.push({ seq: head.seq, problem: 'the chain head was altered' });
  } else {
    if (head.seq > last.seq) {
      problems.push({
        seq: last.seq + 1,
        problem: `the newest record(s) after ${last.seq} were removed (the chain ends at ${head.seq})`,
      });
    } else {
      brokenToHead = last.intact && head.hash !== last.hash;
    }
    problems.push(...(await recordsBeyond(db, chainKey, head.seq)));
  }
  links.finish(brokenToHead);

  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    checked,
    problems,
    head: head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH },
  };
}

async function readHead(db: Db): Promise<{ seq: number; hash: string; mac: string | null } | undefined> {
  const row = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 'main').executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash, mac: row.mac } : undefined;
}

/** The seq an authentic head has reached now, if it moved past `seq` since verification began. */
async function headMovedPast(db: Db, key: Buffer, seq: number): Promise<number | undefined> {
  const now = await readHead(db);
  const valid = !!now && now.mac !== null && sameDigest(now.mac, headMac(key, now.seq, now.hash));
  return valid && now.seq > seq ? now.seq : undefined;
}

/** Records past the head that no appender accounted for (appends since the head was read are fine). */
async function recordsBeyond(db: Db, key: Buffer, headSeq: number): Promise<AuditProblem[]> {
  const range = await db.selectFrom('audit_events')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .where('seq', '>', headSeq)
    .executeTakeFirst();
  if (range?.first === null || range?.first === undefined) return [];
  const reached = (await headMovedPast(db, key, headSeq)) ?? headSeq;
  const lastSeq = Number(range.last);
  if (lastSeq <= reached) return [];
  const first = Math.max(Number(range.first), reached + 1);
  const problem = first === lastSeq
    ? `record ${first} was added after the end of the chain`
    : `records ${first}–${lastSeq} were added after the end of the chain`;
  return [{ seq: first, problem }];
}

function gapProblem(expected: number, seq: number): AuditProblem {
  if (seq < expected) return { seq, problem: `record ${seq} has an impossible sequence number` };
  const problem = seq - 1 === expected ? `record ${expected} is missing` : `records ${expected}–${seq - 1} are missing`;
  return { seq: expected, problem };
}

/** True when the record's hash is the HMAC of its own contents and stored predecessor. */
function checkRecord(key: Buffer, row: AuditEvent, seq: number, problems: AuditProblem[]): boolean {
  if (sameDigest(row.hash, recordHash(key, row.prev_hash, row))) return true;
  const forged = sameDigest(row.hash, unkeyedHash(row.prev_hash, row));
  problems.push({
    seq,
    problem: forged
      ? `record ${seq} was edited and its hash recomputed without the chain key`
      : `record ${seq} was edited`,
  });
  return false;
}
