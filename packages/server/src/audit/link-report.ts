import type { AuditProblem } from './types';

/**
 * Turns broken links (a record whose `prev_hash` is not its predecessor's hash) into readable
 * problems. A record that was moved breaks the link into it and the link out of it, so a record
 * with both links broken is reported as out of order, and a run of them as one range; a lone
 * broken link (nothing moved, something between was taken out or slipped in) is reported as such.
 * Decisions about record r wait until the link into r+1 is known.
 */
export class LinkReport {
  private pending: { seq: number; broken: boolean } | null = null;
  private previousMoved = false;
  private run: { start: number; end: number } | null = null;

  constructor(private readonly problems: AuditProblem[]) {}

  /** The link into record `seq` (false when it could not be judged: after a gap or an edited record). */
  next(seq: number, broken: boolean): void {
    if (this.pending) this.decide(this.pending, broken);
    this.pending = { seq, broken };
  }

  /** `brokenToHead`: the newest record is not the one the chain head names. */
  finish(brokenToHead: boolean): void {
    if (this.pending) this.decide(this.pending, brokenToHead);
    this.pending = null;
    this.flush();
  }

  private decide(record: { seq: number; broken: boolean }, nextBroken: boolean): void {
    const moved = record.broken && nextBroken;
    if (moved) {
      if (this.run && this.run.end === record.seq - 1) this.run.end = record.seq;
      else { this.flush(); this.run = { start: record.seq, end: record.seq }; }
    } else {
      this.flush();
      if (record.broken && !this.previousMoved) {
        this.problems.push({
          seq: record.seq,
          problem: `record ${record.seq} does not follow record ${record.seq - 1} in the chain (a record between them was removed or renumbered)`,
        });
      }
    }
    this.previousMoved = moved;
  }

  private flush(): void {
    if (!this.run) return;
    const { start, end } = this.run;
    this.problems.push({
      seq: start,
      problem: start === end ? `record ${start} is out of place in the chain` : `records ${start}–${end} are out of order`,
    });
    this.run = null;
  }
}
