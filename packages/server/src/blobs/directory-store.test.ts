/**
 * The directory blob store: plain keys are files; keys under `commands/<folder>/` share the
 * folder's pack. Both read back what was appended, in order, through readHead and open, also
 * from a new store on the same directory (a restarted server), and a pack whose last record was
 * cut short by a crash keeps every whole record and takes new ones after them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { directoryBlobStore } from './directory-store';
import { streamedText } from './testing';


describe('directory blob store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-blob-test-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('packed keys: interleaved appends read back per key, in order, before and after a restart', async () => {
    const store = directoryBlobStore(dir);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      writes.push(store.append(`commands/c1/n${i % 5}.stdout`, `line ${i} é\n`));
      if (i % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    // Read while appends may still be queued: the read sees all of them.
    const expected = (n: number) => Array.from({ length: 10 }, (_, k) => `line ${k * 5 + n} é\n`).join('');
    assert.equal(await store.readHead('commands/c1/n3.stdout'), expected(3));
    await Promise.all(writes);
    assert.equal(await store.readHead('commands/c1/n1.stdout', 8), 'line 1 é');
    assert.equal(await streamedText(store, 'commands/c1/n4.stdout'), expected(4));
    assert.equal(await store.readHead('commands/c1/missing.stdout'), '');
    assert.equal(await store.open('commands/c1/missing.stdout'), undefined);
    // One file for the folder, not one per key.
    assert.deepEqual(fs.readdirSync(path.join(dir, 'commands', 'c1')), ['~pack']);

    const restarted = directoryBlobStore(dir);
    assert.equal(await restarted.readHead('commands/c1/n0.stdout'), expected(0));
    assert.equal(await streamedText(restarted, 'commands/c1/n2.stdout'), expected(2));
  });

  it('a record cut short by a crash is dropped; appends after the restart follow the whole ones', async () => {
    const store = directoryBlobStore(dir);
    await store.append('commands/c2/a.stdout', 'first\n');
    fs.appendFileSync(path.join(dir, 'commands', 'c2', '~pack'), 'a.stdout\t100\npartial');
    const restarted = directoryBlobStore(dir);
    assert.equal(await restarted.readHead('commands/c2/a.stdout'), 'first\n');
    await restarted.append('commands/c2/a.stdout', 'second\n');
    assert.equal(await directoryBlobStore(dir).readHead('commands/c2/a.stdout'), 'first\nsecond\n');
  });

  it('other keys stay files; a command blob written as a file before packing still reads', async () => {
    const store = directoryBlobStore(dir);
    await store.append('sessions/acct/s1.cast', 'x');
    await store.append('sessions/acct/s1.cast', 'y');
    assert.equal(fs.readFileSync(path.join(dir, 'sessions', 'acct', 's1.cast'), 'utf8'), 'xy');
    fs.mkdirSync(path.join(dir, 'commands', 'old'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'commands', 'old', 'n.stdout'), 'from before\n');
    assert.equal(await store.readHead('commands/old/n.stdout'), 'from before\n');
    assert.equal(await streamedText(store, 'commands/old/n.stdout'), 'from before\n');
  });
});

describe('blob keys', () => {
  it('only slash-separated safe parts, never . or ..', async () => {
    const { isSafeKey } = await import('./directory-store');
    for (const key of ['commands/c/n.stdout', 'a', 'a/b.c/d', '.x/y', 'x/..y', 'sessions/acct/s1.cast']) assert.equal(isSafeKey(key), true, key);
    for (const key of ['', '/a', 'a/', 'a//b', '.', '..', 'a/./b', 'a/../b', '../a', 'a/..', 'a/.', 'a b', 'a/~pack', 'a\\b']) assert.equal(isSafeKey(key), false, key);
  });
});
