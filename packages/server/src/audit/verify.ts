import type { Db } from '../db/index';
import { GENESIS_HASH, headMac, recordHash, sameDigest, unkeyedHash } from './chain';
import { LinkReport } from './link-report';
import { checkResourceIndex } from './resource-index';
import type { AuditEvent, AuditProblem, AuditVerification } from './types';

const PAGE_SIZE = 500;

/**
 * Reads the whole audit chain in seq order, a page at a time, and reports every way it differs
 * from what `appendAuditEvent` wrote: edited records (their HMAC no longer matches), missing
 * records (gaps in seq), records out of order (intact, but chained to another predecessor), and
 * a chain that ends before its head says it should (the newest records removed), and a
 * resource lookup index that no longer matches the records.
 */
export async function verifyAuditChain(
  db: Db,
  chainKey: Buffer,
  options: { pageSize?: number } = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const problems: AuditProblem[] = [];
  const links = new LinkReport(problems);
  let checked = 0;
  let expectedSeq = 1;
  let last = { seq: 0, hash: GENESIS_HASH, intact: true };

  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().orderBy('seq').limit(pageSize);
    if (checked > 0) query = query.where('seq', '>', last.seq);
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

  const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 'main').executeTakeFirst();
  let brokenToHead = false;
  if (!head) {
    problems.push({ seq: 0, problem: 'the chain head is missing' });
  } else if (head.mac === null) {
    if (Number(head.seq) !== 0 || head.hash !== GENESIS_HASH || checked > 0) {
      problems.push({ seq: 0, problem: 'the chain head was reset to an empty chain' });
    }
  } else if (!sameDigest(head.mac, headMac(chainKey, Number(head.seq), head.hash))) {
    problems.push({ seq: Number(head.seq), problem: 'the chain head was altered' });
  } else if (Number(head.seq) > last.seq) {
    problems.push({
      seq: last.seq + 1,
      problem: `the newest record(s) after ${last.seq} were removed (the chain ends at ${head.seq})`,
    });
  } else if (Number(head.seq) < last.seq) {
    const first = Number(head.seq) + 1;
    problems.push({
      seq: first,
      problem: first === last.seq
        ? `record ${first} was added after the end of the chain`
        : `records ${first}–${last.seq} were added after the end of the chain`,
    });
  } else {
    brokenToHead = last.intact && head.hash !== last.hash;
  }
  links.finish(brokenToHead);

  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    checked,
    problems,
    head: head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH },
  };
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
