import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, type Db } from './index';
import { ReadCache } from './read-cache';
import { testCaller, type TestCaller } from '../features/parameters/test-context';

// GetParameter answers from the SQLite connection's read cache; every way a parameter can change
// must show in the next read, whoever changed it.
describe('GetParameter through the SQLite read cache', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let other: Db;
  let ssm: TestCaller;
  let ssmElsewhere: TestCaller;
  const value = async (name: string) => (await ssm.call('GetParameter', { Name: name })).Parameter;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-read-cache-'));
    file = path.join(dir, 'bosun.db');
    db = await openDatabase(file);
    // A second connection to the same file, as a second `bosun` process would have.
    other = await openDatabase(file);
    ssm = testCaller(db);
    ssmElsewhere = testCaller(other);
  });
  after(async () => {
    await db.destroy();
    await other.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows an overwrite, a delete and a re-creation made on the same connection', async () => {
    await ssm.call('PutParameter', { Name: '/cache/a', Value: 'one', Type: 'String' });
    assert.equal((await value('/cache/a')).Value, 'one');
    assert.equal((await value('/cache/a')).Value, 'one');
    await ssm.call('PutParameter', { Name: '/cache/a', Value: 'two', Type: 'String', Overwrite: true });
    const second = await value('/cache/a');
    assert.equal(second.Value, 'two');
    assert.equal(second.Version, 2);
    await ssm.call('DeleteParameter', { Name: '/cache/a' });
    await assert.rejects(value('/cache/a'), { code: 'ParameterNotFound' });
    await ssm.call('PutParameter', { Name: '/cache/a', Value: 'again', Type: 'String' });
    assert.deepEqual([(await value('/cache/a')).Value, (await value('/cache/a')).Version], ['again', 1]);
  });

  it('shows a change committed by another connection of this process to the file', async () => {
    await ssm.call('PutParameter', { Name: '/cache/b', Value: 'mine', Type: 'String' });
    assert.equal((await value('/cache/b')).Value, 'mine');
    await ssmElsewhere.call('PutParameter', { Name: '/cache/b', Value: 'theirs', Type: 'String', Overwrite: true });
    assert.equal((await value('/cache/b')).Value, 'theirs');
    await ssmElsewhere.call('DeleteParameter', { Name: '/cache/b' });
    await assert.rejects(value('/cache/b'), { code: 'ParameterNotFound' });
  });

  it('does not keep what a rolled-back transaction wrote', async () => {
    await ssm.call('PutParameter', { Name: '/cache/c', Value: 'kept', Type: 'String' });
    assert.equal((await value('/cache/c')).Value, 'kept');
    await assert.rejects(db.transaction().execute(async (trx) => {
      await sql`update parameter_versions set value = 'rolled back' where name = '/cache/c'`.execute(trx);
      throw new Error('abort');
    }), /abort/);
    assert.equal((await value('/cache/c')).Value, 'kept');
  });

  it('answers a value written while the read was cached under another account or region separately', async () => {
    const east = testCaller(db, { accountId: '111111111111' });
    const west = testCaller(db, { accountId: '111111111111', region: 'us-west-2' });
    await east.call('PutParameter', { Name: '/cache/d', Value: 'east', Type: 'String' });
    await west.call('PutParameter', { Name: '/cache/d', Value: 'west', Type: 'String' });
    assert.equal((await east.call('GetParameter', { Name: '/cache/d' })).Parameter.Value, 'east');
    assert.equal((await west.call('GetParameter', { Name: '/cache/d' })).Parameter.Value, 'west');
  });
});

describe('ReadCache', () => {
  const handle = new SQLite(':memory:');
  handle.exec(`create table parameters (name text primary key, value text);
    create table audit_events (seq integer primary key, request_parameters text)`);
  handle.prepare(`insert into parameters values ('x', '1')`).run();
  const cache = new ReadCache(undefined);
  let reads = 0;
  const read = () => cache.get(['parameters'], 'select * from parameters where name = ?', ['x'], () => {
    reads++;
    return handle.prepare('select * from parameters where name = ?').all('x');
  });
  const write = (text: string, ...params: unknown[]) => {
    cache.noteStatement(text);
    handle.prepare(text).run(...params);
  };

  it('keeps a read across writes that do not name its tables (the audit log appends every call)', () => {
    read();
    const before = reads;
    write(`insert into "audit_events" ("request_parameters") values (?)`, '{"Name":"x"}');
    assert.deepEqual(read(), [{ name: 'x', value: '1' }]);
    assert.equal(reads, before, 'the audit append made the read go to the database');
  });

  it('reads again after a write naming one of its tables, and hands out frozen rows', () => {
    write(`update "parameters" set "value" = ? where "name" = ?`, '2', 'x');
    const rows = read();
    assert.deepEqual(rows, [{ name: 'x', value: '2' }]);
    assert.ok(Object.isFrozen(rows[0]));
  });
});
