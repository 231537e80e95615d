import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { forEachDatabase, postgresUrl } from '../../test/databases';
import { openDatabase, type Db } from '../db/index';
import { appendAuditEvent, verifyAuditChain, GENESIS_HASH } from './index';
import { canonicalRecord } from './chain';
import { sampleEvent } from './test-events';

async function emptyLog(db: Db): Promise<void> {
  await db.deleteFrom('audit_events').execute();
  await db.deleteFrom('audit_event_resources').execute();
  await db.updateTable('audit_chain_head').set({ seq: 0, hash: GENESIS_HASH, mac: null }).execute();
}

async function appendMany(db: Db, key: Buffer, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await appendAuditEvent(db, key, sampleEvent(i));
}

forEachDatabase('audit chain', (f) => {
  const key = () => f.secrets.derive('audit-chain');
  beforeEach(async () => emptyLog(f.db));

  it('an untouched log of many records verifies, across page boundaries', async () => {
    await appendMany(f.db, key(), 60);
    const result = await verifyAuditChain(f.db, key(), { pageSize: 7 });
    assert.deepEqual(result.problems, []);
    assert.equal(result.ok, true);
    assert.equal(result.checked, 60);
    assert.equal(result.head.seq, 60);
  });

  it('an empty log verifies', async () => {
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual({ ok: result.ok, checked: result.checked }, { ok: true, checked: 0 });
  });

  it('a different key does not verify the same log', async () => {
    await appendMany(f.db, key(), 3);
    const result = await verifyAuditChain(f.db, crypto.randomBytes(32));
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems.map((p) => p.seq), [1, 2, 3, 3]);
  });

  it('a field edited with raw SQL is reported at its seq', async () => {
    await appendMany(f.db, key(), 20);
    await sql`UPDATE audit_events SET event_name = 'DeleteParameter' WHERE seq = 17`.execute(f.db);
    const result = await verifyAuditChain(f.db, key(), { pageSize: 5 });
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems, [{ seq: 17, problem: 'record 17 was edited' }]);
  });

  it('a deleted middle record is reported as missing', async () => {
    await appendMany(f.db, key(), 10);
    await sql`DELETE FROM audit_events WHERE seq IN (5, 6)`.execute(f.db);
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, [{ seq: 5, problem: 'records 5–6 are missing' }]);
    assert.equal(result.checked, 8);
  });

  it('deleting the newest records is noticed through the chain head', async () => {
    await appendMany(f.db, key(), 45);
    await sql`DELETE FROM audit_events WHERE seq > 40`.execute(f.db);
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, [{ seq: 41, problem: 'the newest record(s) after 40 were removed (the chain ends at 45)' }]);
  });

  it('setting the head back to an earlier record by hand is noticed', async () => {
    await appendMany(f.db, key(), 10);
    const r8 = await f.db.selectFrom('audit_events').select('hash').where('seq', '=', 8).executeTakeFirstOrThrow();
    await sql`DELETE FROM audit_events WHERE seq > 8`.execute(f.db);
    await sql`UPDATE audit_chain_head SET seq = 8, hash = ${r8.hash}`.execute(f.db);
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, [{ seq: 8, problem: 'the chain head was altered' }]);
  });

  it('two swapped records are reported as out of order', async () => {
    await appendMany(f.db, key(), 10);
    await sql`UPDATE audit_events SET seq = -1 WHERE seq = 5`.execute(f.db);
    await sql`UPDATE audit_events SET seq = 5 WHERE seq = 6`.execute(f.db);
    await sql`UPDATE audit_events SET seq = 6 WHERE seq = -1`.execute(f.db);
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, [{ seq: 5, problem: 'records 5–6 are out of order' }]);
  });

  it('swapping the two newest records is noticed too', async () => {
    await appendMany(f.db, key(), 6);
    await sql`UPDATE audit_events SET seq = -1 WHERE seq = 5`.execute(f.db);
    await sql`UPDATE audit_events SET seq = 5 WHERE seq = 6`.execute(f.db);
    await sql`UPDATE audit_events SET seq = 6 WHERE seq = -1`.execute(f.db);
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, [{ seq: 5, problem: 'records 5–6 are out of order' }]);
  });

  it('a record deleted and the rest renumbered is noticed', async () => {
    await appendMany(f.db, key(), 8);
    await sql`DELETE FROM audit_events WHERE seq = 4`.execute(f.db);
    for (let s = 5; s <= 8; s++) await sql`UPDATE audit_events SET seq = ${s - 1} WHERE seq = ${s}`.execute(f.db);
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems.map((p) => p.seq), [4, 8]);
    assert.match(result.problems[0].problem, /record 4 does not follow record 3/);
    assert.match(result.problems[1].problem, /newest record\(s\) after 7 were removed/);
  });

  it('a record slipped into the middle by hand is reported', async () => {
    await appendMany(f.db, key(), 8);
    for (let s = 8; s >= 5; s--) await sql`UPDATE audit_events SET seq = ${s + 1} WHERE seq = ${s}`.execute(f.db);
    const r4 = await f.db.selectFrom('audit_events').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    await f.db.insertInto('audit_events').values({ ...r4, seq: 5, event_id: crypto.randomUUID(), prev_hash: r4.hash, hash: 'f'.repeat(64) }).execute();
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, [
      { seq: 5, problem: 'record 5 was edited' },
      { seq: 9, problem: 'record 9 was added after the end of the chain' },
    ]);
  });

  it('a changed or removed resource index row is reported', async () => {
    await appendMany(f.db, key(), 6);
    const [r2, r4] = await Promise.all([2, 4].map((s) => f.db.selectFrom('audit_events').select('event_id').where('seq', '=', s).executeTakeFirstOrThrow()));
    await f.db.deleteFrom('audit_event_resources').where('event_id', '=', r2.event_id).execute();
    await f.db.updateTable('audit_event_resources').set({ resource_name: '/elsewhere' }).where('event_id', '=', r4.event_id).execute();
    const result = await verifyAuditChain(f.db, key(), { pageSize: 4 });
    assert.deepEqual(result.problems, [
      { seq: 2, problem: 'the resource lookup index of record 2 was altered' },
      { seq: 4, problem: 'the resource lookup index of record 4 was altered' },
    ]);
  });

  it('an edited record whose hash was recomputed with plain SHA-256 is reported', async () => {
    await appendMany(f.db, key(), 12);
    const row = await f.db.selectFrom('audit_events').selectAll().where('seq', '=', 9).executeTakeFirstOrThrow();
    const edited = { ...row, source_ip: '203.0.113.9' };
    const forged = crypto.createHash('sha256').update(`${edited.prev_hash}\n${canonicalRecord(edited)}`).digest('hex');
    await f.db.updateTable('audit_events').set({ source_ip: edited.source_ip, hash: forged }).where('seq', '=', 9).execute();
    await f.db.updateTable('audit_events').set({ prev_hash: forged }).where('seq', '=', 10).execute();
    const result = await verifyAuditChain(f.db, key());
    // Record 10 was changed too (its prev_hash), so it no longer matches its own HMAC either.
    assert.deepEqual(result.problems, [
      { seq: 9, problem: 'record 9 was edited and its hash recomputed without the chain key' },
      { seq: 10, problem: 'record 10 was edited' },
    ]);
  });

  it('verifying while a server keeps appending reports no problem', async () => {
    await appendMany(f.db, key(), 20);
    const appends = Array.from({ length: 30 }, (_, i) => appendAuditEvent(f.db, key(), sampleEvent(21 + i)));
    const verifications = [1, 2, 3].map(() => verifyAuditChain(f.db, key(), { pageSize: 3 }));
    const results = await Promise.all(verifications);
    await Promise.all(appends);
    for (const result of results) assert.deepEqual(result.problems, []);
    assert.equal((await verifyAuditChain(f.db, key())).checked, 50);
  });

  it('verifying a fresh log while its first records arrive reports no problem', async () => {
    const appends = Array.from({ length: 10 }, (_, i) => appendAuditEvent(f.db, key(), sampleEvent(i + 1)));
    const result = await verifyAuditChain(f.db, key(), { pageSize: 2 });
    await Promise.all(appends);
    assert.deepEqual(result.problems, []);
  });

  it('the stored row never holds a redacted secret', async () => {
    const row = await appendAuditEvent(f.db, key(), sampleEvent(1, {
      requestParameters: { Name: '/db/password', Value: 'hunter2-very-secret', Type: 'SecureString' },
      responseElements: { Credentials: { SecretAccessKey: 'wJalrXUtnFEMI', SessionToken: 'FwoGZXIvYXdz' } },
    }));
    const stored = await f.db.selectFrom('audit_events').selectAll().where('seq', '=', row.seq).executeTakeFirstOrThrow();
    const text = JSON.stringify(stored);
    for (const secret of ['hunter2-very-secret', 'wJalrXUtnFEMI', 'FwoGZXIvYXdz']) assert.ok(!text.includes(secret), secret);
    assert.deepEqual(JSON.parse(stored.request_parameters), { Name: '/db/password', Value: 'HIDDEN_DUE_TO_SECURITY_REASONS', Type: 'SecureString' });
  });

  it('concurrent appends keep one valid chain', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => appendAuditEvent(f.db, key(), sampleEvent(i + 1))));
    assert.deepEqual(results.map((r) => r.seq).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, []);
    assert.equal(result.checked, 40);
  });

  it('two server processes on one database keep one valid chain', async () => {
    if (f.kind === 'postgres') {
      // Two connection pools, as two replicas would open them on the same schema.
      const second = await openSecondPool(f.db);
      try {
        await Promise.all(Array.from({ length: 50 }, (_, i) => appendAuditEvent(i % 2 ? f.db : second, key(), sampleEvent(i + 1))));
      } finally {
        await second.destroy();
      }
    } else {
      // better-sqlite3 waits for a lock synchronously, so two writers must live in two processes.
      const file = await sqliteFile(f.db);
      await Promise.all([runWorker(file, key(), 1, 25), runWorker(file, key(), 26, 25)]);
    }
    const result = await verifyAuditChain(f.db, key());
    assert.deepEqual(result.problems, []);
    assert.equal(result.checked, 50);
  });
});

function runWorker(dbUrl: string, key: Buffer, first: number, count: number): Promise<void> {
  const worker = fileURLToPath(new URL('./test-append-worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', worker, dbUrl, key.toString('hex'), String(first), String(count)],
      (error, _stdout, stderr) => (error ? reject(new Error(`worker failed: ${stderr}`)) : resolve()));
  });
}

/** A second PostgreSQL pool on the schema the fixture uses, as a second server process would open. */
async function openSecondPool(db: Db): Promise<Db> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return openDatabase(`${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${rows[0].schema}`, { migrate: false });
}

/** The file behind the fixture's SQLite database. */
async function sqliteFile(db: Db): Promise<string> {
  const { rows } = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
  return rows[0].file;
}
