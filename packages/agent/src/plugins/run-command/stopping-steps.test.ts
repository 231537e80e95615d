/**
 * Timeouts, cancellation and the invocation deadline stop the whole process group: nothing a
 * script started (a `sleep` in the background, a child that ignores SIGTERM) outlives the step.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { harness, job, processGone, shell, tempDir, waitUntil } from './plugin-test-harness';

/** A script that leaves a long `sleep` running beside itself and records its pid. */
const sleeper = (dir: string, prelude = '') => `${prelude}\nsleep 300 &\necho $! > ${dir}/sleep.pid\necho started\nwait`;
const sleepPid = (dir: string) => Number(fs.readFileSync(path.join(dir, 'sleep.pid'), 'utf8'));

describe('stopping run-command steps', () => {
  it('timeoutSeconds kills the whole process group and reports TimedOut', async () => {
    const dir = tempDir();
    const h = harness();
    const started = Date.now();
    const result = await h.run(job([shell('slow', sleeper(dir), { inputs: { timeoutSeconds: 1 } }), shell('next', 'echo next')]));
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual(result.steps.map((s) => [s.status, s.responseCode, s.statusDetails]), [['TimedOut', -1, 'ExecutionTimedOut'], ['Success', 0, 'Success']]);
    assert.equal(result.status, 'TimedOut');
    assert.equal(h.text('slow'), 'started\n');
    assert.ok(processGone(sleepPid(dir)), 'the background sleep is gone');
  });

  it('a group that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
    const dir = tempDir();
    const h = harness({ killGraceMs: 300 });
    const result = await h.run(job([shell('stubborn', sleeper(dir, "trap '' TERM"), { inputs: { timeoutSeconds: '1' } })]));
    assert.equal(result.steps[0].status, 'TimedOut');
    assert.ok(processGone(sleepPid(dir)), 'the sleep that ignored SIGTERM is gone');
  });

  it('cancel stops the running step at once, kills its group, and cancels the steps after it', async () => {
    const dir = tempDir();
    const h = harness();
    const cancel = new AbortController();
    const running = h.run(job([shell('slow', sleeper(dir)), shell('never', `touch ${dir}/ran`)]), cancel.signal);
    await waitUntil('the script to start', () => fs.existsSync(path.join(dir, 'sleep.pid')) && h.text('slow') === 'started\n');
    const pid = sleepPid(dir);
    assert.equal(processGone(pid), false);
    const cancelledAt = Date.now();
    cancel.abort();
    const result = await running;
    assert.ok(Date.now() - cancelledAt < 2_000);
    assert.equal(result.status, 'Cancelled');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.responseCode]), [['slow', 'Cancelled', -1], ['never', 'Cancelled', -1]]);
    assert.ok(processGone(pid));
    assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
  });

  it('the invocation deadline stops a step before its own timeout, and the rest time out unrun', async () => {
    const dir = tempDir();
    const h = harness();
    const deadline = new Date(Date.now() + 800).toISOString();
    const result = await h.run(job([shell('slow', sleeper(dir)), shell('late', `touch ${dir}/ran`)], { deadline }));
    assert.equal(result.status, 'TimedOut');
    assert.deepEqual(result.steps.map((s) => [s.status, s.responseCode]), [['TimedOut', -1], ['TimedOut', -1]]);
    assert.ok(processGone(sleepPid(dir)));
    assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
  });

  it('a script that leaves a daemon behind on success ends its step without waiting for it', async () => {
    const dir = tempDir();
    const h = harness();
    const started = Date.now();
    const result = await h.run(job([shell('daemon', `sleep 30 > /dev/null 2>&1 &\necho $! > ${dir}/sleep.pid\necho spawned`)]));
    assert.equal(result.status, 'Success');
    assert.ok(Date.now() - started < 3_000);
    const pid = sleepPid(dir);
    // AWS: a successful script's background processes keep running (that is how services are started).
    assert.equal(processGone(pid), false);
    process.kill(pid, 'SIGKILL');
  });
});
