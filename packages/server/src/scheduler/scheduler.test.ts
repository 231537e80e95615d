import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { freshDatabase, postgresUrl } from '../../test/databases';
import { openDatabase, type Db } from '../db/index';
import { Scheduler, type ScheduledJob } from './scheduler';
import { waitFor } from '../events/test-receiver';
import { schedulerLockKey } from './leadership';

const logger = pino({ level: 'silent' });

/** A job that records which scheduler ran it. */
function recorder(tag: string, runs: string[], everyMs = 20): ScheduledJob {
  return { name: 'record', everyMs, run: async () => { runs.push(tag); } };
}

describe('scheduler [sqlite]', () => {
  let db: Db;
  let close: () => Promise<void>;
  before(async () => ({ db, close } = await freshDatabase('sqlite')));
  after(async () => close());

  it('runs each job every everyMs, never overlapping itself, and keeps going after a failure', async () => {
    let active = 0;
    let overlapped = false;
    let slowRuns = 0;
    let failures = 0;
    const jobs: ScheduledJob[] = [
      { name: 'slow', everyMs: 5, run: async () => {
        active++;
        if (active > 1) overlapped = true;
        await new Promise((r) => setTimeout(r, 40));
        active--;
        slowRuns++;
      } },
      { name: 'failing', everyMs: 10, run: async () => { failures++; throw new Error('boom'); } },
    ];
    const s = new Scheduler({ db, logger, jobs, tickMs: 5 }).start();
    await waitFor(() => slowRuns >= 3 && failures >= 3, 3000, 'runs');
    await s.stop();
    assert.equal(overlapped, false);
    assert.equal(s.isLeader, false);
  });

  it('gives jobs the database, the clock and a logger', async () => {
    const fixed = new Date('2026-12-01T00:00:00Z');
    let seen: { db: unknown; now: Date } | undefined;
    const s = new Scheduler({ db, logger, now: () => fixed, jobs: [{ name: 'peek', everyMs: 1000, run: async (j) => { seen = { db: j.db, now: j.now() }; } }] }).start();
    await waitFor(() => seen !== undefined, 2000, 'a run');
    await s.stop();
    assert.equal(seen?.db, db);
    assert.equal(seen?.now.toISOString(), fixed.toISOString());
  });
});

describe('scheduler leadership [postgres, two replicas]', () => {
  let db1: Db;
  let db2: Db;
  let close: () => Promise<void>;
  before(async () => {
    ({ db: db1, close } = await freshDatabase('postgres'));
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db1);
    db2 = await openDatabase(`${postgresUrl}?schema=${rows[0].schema}`);
  });
  after(async () => {
    await db2.destroy();
    await close();
  });

  it('only one replica runs the jobs; when it stops, the other takes over', async () => {
    const runs: string[] = [];
    const a = new Scheduler({ db: db1, logger, jobs: [recorder('a', runs)], leadershipRetryMs: 50, tickMs: 10 }).start();
    await waitFor(() => a.isLeader, 3000, 'a to lead');
    const b = new Scheduler({ db: db2, logger, jobs: [recorder('b', runs)], leadershipRetryMs: 50, tickMs: 10 }).start();
    await new Promise((r) => setTimeout(r, 400)); // b retries for leadership several times meanwhile
    assert.equal(b.isLeader, false);
    assert.ok(runs.length >= 5, `a ran ${runs.length} times`);
    assert.deepEqual(new Set(runs), new Set(['a']), 'b never ran a job while a led');

    await a.stop();
    const handover = runs.length;
    await waitFor(() => b.isLeader && runs.length > handover + 3, 3000, 'b to take over');
    assert.deepEqual(new Set(runs.slice(handover)), new Set(['b']), 'a ran nothing after stopping');
    await b.stop();
  });

  it('a deployment in another schema of the same database leads on its own', async () => {
    const other = await freshDatabase('postgres');
    const runs: string[] = [];
    const a = new Scheduler({ db: db1, logger, jobs: [recorder('a', runs)], leadershipRetryMs: 50, tickMs: 10 }).start();
    await waitFor(() => a.isLeader, 3000, 'a to lead');
    const c = new Scheduler({ db: other.db, logger, jobs: [recorder('c', runs)], leadershipRetryMs: 50, tickMs: 10 }).start();
    try {
      await waitFor(() => c.isLeader && runs.includes('c'), 3000, 'the other deployment to lead');
      assert.equal(a.isLeader, true);
    } finally {
      await Promise.all([a.stop(), c.stop()]);
      await other.close();
    }
  });

  it('takes over when the leader’s database session dies without a goodbye', async () => {
    const runs: string[] = [];
    const a = new Scheduler({ db: db1, logger, jobs: [recorder('a', runs)], leadershipRetryMs: 50, tickMs: 10 }).start();
    await waitFor(() => a.isLeader, 3000, 'a to lead');
    const b = new Scheduler({ db: db2, logger, jobs: [recorder('b', runs)], leadershipRetryMs: 50, tickMs: 10 }).start();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(b.isLeader, false);
    // As if a's replica lost its connection: PostgreSQL ends the session and frees the lock.
    await sql`select pg_terminate_backend(pid) from pg_locks
      where locktype = 'advisory' and granted and pid <> pg_backend_pid()
        and ((classid::bigint << 32) | objid::bigint) = ${schedulerLockKey}`.execute(db2);
    await waitFor(() => b.isLeader, 3000, 'b to take over');
    await waitFor(() => !a.isLeader, 3000, 'a to notice it lost leadership');
    const handover = runs.length;
    await waitFor(() => runs.length > handover + 3, 3000, 'b to run jobs');
    assert.ok(runs.slice(handover + 1).every((r) => r === 'b'), 'a stopped running jobs once it lost the lock');
    await Promise.all([a.stop(), b.stop()]);
  });
});
