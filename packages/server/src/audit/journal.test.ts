import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { openDatabase, type Db } from '../db/index';
import { createLogger } from '../observability/logger';
import { createSecretBox } from '../crypto/secret-box';
import crypto from 'node:crypto';
import { auditIndexed, verifyAuditChain } from './index';
import { AuditJournal, journalBatch } from './journal';
import { toFields } from './append';
import { canonicalRecord, fieldsFromCanonical } from './chain';
import { sampleEvent } from './test-events';
import { AuditWriter } from './writer';

const logger = createLogger('silent');

async function fixture(): Promise<{ db: Db; file: string; dir: string; key: Buffer; done(): Promise<void> }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-journal-'));
  const file = path.join(root, 'bosun.db');
  const db = await openDatabase(file);
  const key = createSecretBox(crypto.randomBytes(32)).derive('audit-chain');
  return { db, file, dir: path.join(root, 'audit-journal'), key, done: async () => { await db.destroy(); fs.rmSync(root, { recursive: true, force: true }); } };
}

it('records are answered once journaled and reach the audit tables through the indexer thread, chained and verifiable', { timeout: 60_000 }, async () => {
  const f = await fixture();
  try {
    const writer = new AuditWriter(f.db, f.key, logger);
    writer.useJournal(await AuditJournal.open(f.db, f.file, f.dir, f.key, logger));
    await Promise.all(Array.from({ length: 16 }, async (_, caller) => {
      for (let i = 0; i < 25; i++) await writer.record(sampleEvent(caller * 100 + i, { requestId: `c${caller}-${i}` }));
    }));
    await auditIndexed(f.db);
    const stored = await f.db.selectFrom('audit_events').select(['request_id', 'request_parameters']).execute();
    assert.equal(new Set(stored.map((r) => r.request_id)).size, 400);
    const resources = await f.db.selectFrom('audit_event_resources').select('resource_name').execute();
    assert.equal(resources.length, 400);
    const result = await verifyAuditChain(f.db, f.key);
    assert.deepEqual(result.problems, []);
    assert.equal(result.checked, 400);
    // Redacted before it is journaled: the journal holds no more than the tables do.
    const journal = fs.readdirSync(f.dir).map((n) => fs.readFileSync(path.join(f.dir, n), 'utf8')).join('');
    assert.match(journal, /^1 \["bosun-audit-v1",/);
    assert.match(journal, /\n#[0-9a-f]{64}\n/);
    assert.match(journal, /"c0-0"/);
    assert.doesNotMatch(journal, /secret-\d/);
    assert.equal(fs.statSync(f.dir).mode & 0o777, 0o700);
    await writer.close();
    assert.deepEqual(fs.readdirSync(f.dir), [], 'an indexed journal is removed at close');
  } finally {
    await f.done();
  }
});

it('a journal left by a process that died before its indexer caught up is stored at the next open, a cut-short last line dropped', { timeout: 60_000 }, async () => {
  const f = await fixture();
  try {
    const first = await AuditJournal.open(f.db, f.file, f.dir, f.key, logger);
    first.append(Array.from({ length: 30 }, (_, i) => sampleEvent(i)));
    // Died here: nothing flushed, nothing closed; the write of one more record was cut short.
    const [name] = fs.readdirSync(f.dir);
    fs.appendFileSync(path.join(f.dir, name), '31 ["bosun-audit-v1","cut');

    const second = await AuditJournal.open(f.db, f.file, f.dir, f.key, logger);
    const count = await f.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 30);
    assert.deepEqual(fs.readdirSync(f.dir), ['journal-0000000000000031.jsonl']);
    // The chain goes on from the stored head.
    second.append([sampleEvent(99)]);
    await second.flush();
    const result = await verifyAuditChain(f.db, f.key);
    assert.deepEqual(result.problems, []);
    assert.equal(result.checked, 31);
    await second.close();
  } finally {
    await f.done();
  }
});

it('a damaged record inside a journal stops the server from starting, naming the file and line', async () => {
  const f = await fixture();
  try {
    fs.mkdirSync(f.dir, { recursive: true });
    const file = path.join(f.dir, 'journal-0000000000000001.jsonl');
    fs.writeFileSync(file, '{"seq":1,"event_id":"x"\n{"seq":2}\n');
    await assert.rejects(AuditJournal.open(f.db, f.file, f.dir, f.key, logger), (e: Error) => e.message.includes(`${file} has a damaged record on line 1`));
    assert.ok(fs.existsSync(file), 'the journal is kept for whoever repairs it');
    // Well-formed lines whose record is not one the server writes are damaged too.
    const record = (seq: number) => ({ seq, canonical: canonicalRecord(toFields(sampleEvent(seq))) });
    fs.writeFileSync(file, `${journalBatch(f.key, [record(1)])}2 ["bosun-audit-v1","too short"]\n`);
    await assert.rejects(AuditJournal.open(f.db, f.file, f.dir, f.key, logger), (e: Error) => e.message.includes(`${file} has a damaged record on line 3`));
    // A record changed after it was journaled no longer matches its batch's HMAC.
    const batch = journalBatch(f.key, [record(1), record(2)]);
    assert.match(batch, /alice/);
    fs.writeFileSync(file, batch.replace('alice', 'mallory'));
    await assert.rejects(AuditJournal.open(f.db, f.file, f.dir, f.key, logger), (e: Error) => e.message.includes(`${file} has records on lines 1-3 that do not match their batch's HMAC`));
    const count = await f.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0, 'nothing is stored from a journal that does not parse or match');
    // The unchanged batch is stored.
    fs.writeFileSync(file, batch);
    const journal = await AuditJournal.open(f.db, f.file, f.dir, f.key, logger);
    await journal.close();
    assert.deepEqual((await verifyAuditChain(f.db, f.key)).problems, []);
  } finally {
    await f.done();
  }
});

it('the journal form of a record gives back the very record: binary as base64, secrets hidden', () => {
  const event = sampleEvent(7, { requestParameters: { Name: '/a', Value: 'secret-7', Blob: new Uint8Array([1, 2, 3]) }, sensitiveRequestPaths: ['Value'] });
  const fields = toFields(event);
  assert.deepEqual(fieldsFromCanonical(canonicalRecord(fields)), fields);
  assert.deepEqual(JSON.parse(fields.request_parameters), { Name: '/a', Value: 'HIDDEN_DUE_TO_SECURITY_REASONS', Blob: 'AQID' });
  assert.throws(() => fieldsFromCanonical('["bosun-audit-v0"]'), /not a canonical audit record/);
});

it('the indexer follows the journal into each new file and deletes the ones it has stored', { timeout: 60_000 }, async () => {
  const f = await fixture();
  try {
    const writer = new AuditWriter(f.db, f.key, logger);
    // A new file about every 4 records.
    writer.useJournal(await AuditJournal.open(f.db, f.file, f.dir, f.key, logger, { rotateBytes: 4_000 }));
    for (let i = 0; i < 60; i++) await writer.record(sampleEvent(i));
    await auditIndexed(f.db);
    const result = await verifyAuditChain(f.db, f.key);
    assert.deepEqual(result.problems, []);
    assert.equal(result.checked, 60);
    // Stored files go as the indexer moves on; at most the last one or two remain.
    const left = fs.readdirSync(f.dir);
    assert.ok(left.length <= 2, `journal files left: ${left.join(', ')}`);
    for (let i = 60; i < 70; i++) await writer.record(sampleEvent(i));
    await writer.close();
    assert.deepEqual(fs.readdirSync(f.dir), []);
    assert.equal((await verifyAuditChain(f.db, f.key)).checked, 70);
  } finally {
    await f.done();
  }
});
