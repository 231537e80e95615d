import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { JobLedger } from './job-ledger';

const ledgerFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-')), 'jobs.ledger');

describe('the at-most-once job ledger', () => {
  it('accepts a job id once, also after reopening (a restart)', () => {
    const file = ledgerFile();
    const ledger = new JobLedger(file);
    assert.equal(ledger.accept('job-1', 'k'), true);
    assert.equal(ledger.accept('job-1', 'k'), false);
    ledger.finish('job-1', { ok: 1 });
    ledger.close();
    const reopened = new JobLedger(file);
    assert.equal(reopened.accept('job-1', 'k'), false);
    assert.equal(reopened.accept('job-2', 'k'), true);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('keeps an unsent result across a restart, and forgets it once sent', () => {
    const file = ledgerFile();
    const ledger = new JobLedger(file);
    ledger.accept('a', 'k');
    ledger.finish('a', { exit: 0 });
    ledger.close();
    const reopened = new JobLedger(file);
    assert.deepEqual(reopened.unsent().map((e) => [e.jobId, e.result]), [['a', { exit: 0 }]]);
    reopened.markSent('a');
    reopened.close();
    assert.deepEqual(new JobLedger(file).unsent(), []);
  });

  it('a job that was running when the agent died comes back as interrupted, never to run again', () => {
    const file = ledgerFile();
    const ledger = new JobLedger(file);
    ledger.accept('crashed', 'k');
    ledger.close();
    fs.appendFileSync(file, '{"jobId":"torn'); // a crash mid-write
    const reopened = new JobLedger(file);
    assert.equal(reopened.accept('crashed', 'k'), false);
    const [entry] = reopened.unsent();
    assert.equal(entry.jobId, 'crashed');
    assert.equal(entry.error?.code, 'Interrupted');
  });
});
