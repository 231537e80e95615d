import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../server';
import { createLogger } from '../observability/logger';

// A SQLite database serves one Bosun server process at a time.
describe('one server per SQLite database', () => {
  let dataDir: string;
  let first: RunningServer | undefined;
  const start = () => startServer({ dataDir, port: 0, host: '127.0.0.1' }, createLogger('silent'));
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-lock-'));
  });
  after(async () => {
    await first?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same file, in this process or another, until the first stops', async () => {
    first = await start();
    await assert.rejects(start(), /another Bosun server is using .*bosun\.db/);
    // Another process sees the lock too (what a second `bosun server` would meet).
    const lockFile = path.join(dataDir, 'bosun.db.server-lock');
    const probe = spawnSync(process.execPath, ['-e', `
      const SQLite = require('better-sqlite3');
      const db = new SQLite(${JSON.stringify(lockFile)}, { timeout: 0 });
      try { db.exec('begin exclusive'); console.log('free'); } catch (e) { console.log(e.code); }`], { encoding: 'utf8', cwd: path.resolve('packages/server') });
    assert.equal(probe.stdout.trim(), 'SQLITE_BUSY', probe.stderr);
    // The first server still serves.
    assert.equal((await fetch(`${first.url}/health`)).status, 200);
    await first.close();
    first = await start();
    assert.equal((await fetch(`${first.url}/health`)).status, 200);
  });
});
