/**
 * The database blob store (PostgreSQL servers use it; it runs on SQLite too): appends read back
 * in order through readHead and open, per key, also through a second store on the same database
 * (another replica); a key the database lacks is read from the earlier store, never written there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { forEachDatabase } from '../../test/databases';
import { databaseBlobStore } from './database-store';
import { directoryBlobStore } from './directory-store';
import { streamedText } from './testing';


forEachDatabase('database blob store', (f) => {
  it('interleaved appends read back per key, in order, from this store and from another on the same database', async () => {
    const store = databaseBlobStore(f.db);
    const writes: Promise<void>[] = [];
    const expected = ['', ''];
    // More chunks than one page of reads (200), with multi-byte characters.
    for (let i = 0; i < 450; i++) {
      const line = `line ${i} é€\n`;
      writes.push(store.append(`sessions/acct/s${i % 2}.cast`, line));
      expected[i % 2] += line;
    }
    await Promise.all(writes);
    const other = databaseBlobStore(f.db);
    for (const s of [store, other]) {
      assert.equal(await s.readHead('sessions/acct/s0.cast'), expected[0]);
      assert.equal(await s.readHead('sessions/acct/s1.cast', 12), expected[1].slice(0, 12));
      assert.equal(await streamedText(s, 'sessions/acct/s1.cast'), expected[1]);
    }
    await other.append('sessions/acct/s0.cast', 'more\n');
    assert.equal(await store.readHead('sessions/acct/s0.cast'), `${expected[0]}more\n`);
  });

  it('a missing key is empty and has no stream; unsafe keys are refused', async () => {
    const store = databaseBlobStore(f.db);
    assert.equal(await store.readHead('commands/c9/mi-1.stdout'), '');
    assert.equal(await store.open('commands/c9/mi-1.stdout'), undefined);
    await assert.rejects(async () => store.append('../escape', 'x'), /unsafe blob key/);
  });

  it('blobs written before to the data directory are still read; new ones go to the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-blob-earlier-'));
    try {
      const earlier = directoryBlobStore(dir);
      await earlier.append('commands/c1/mi-1.stdout', 'from before\n');
      const store = databaseBlobStore(f.db, earlier);
      assert.equal(await store.readHead('commands/c1/mi-1.stdout'), 'from before\n');
      assert.equal(await streamedText(store, 'commands/c1/mi-1.stdout'), 'from before\n');
      await store.append('commands/c2/mi-1.stdout', 'new\n');
      assert.equal(await earlier.readHead('commands/c2/mi-1.stdout'), '', 'nothing new is written to the directory');
      assert.equal(await store.readHead('commands/c2/mi-1.stdout'), 'new\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
