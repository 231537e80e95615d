/**
 * Exit 194: the resume point is written to the state directory, the reboot command runs once,
 * and the agent that starts after the reboot runs the remaining steps — the one that asked for
 * the reboot again (AWS restarts that script), never the steps that had finished.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { harness, job, shell, tempDir, waitUntil } from './plugin-test-harness';
import { RebootPendingError } from './run-command-plugin';

const lines = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

function rebootingJob(dir: string) {
  return job([
    shell('before', `echo run >> ${dir}/before-runs; echo before`),
    shell('reboot', `if [ ! -f ${dir}/rebooted ]; then touch ${dir}/rebooted; echo asking for a reboot; exit 194; fi; echo back after the reboot`),
    shell('after', 'echo after'),
  ]);
}

describe('exit 194: reboot, then resume', () => {
  it('records the resume point, reboots once, and the next agent finishes the remaining steps', async () => {
    const dir = tempDir();
    const stateDir = tempDir();
    const rebootCommand = `echo reboot >> ${dir}/reboots`;
    const first = harness({ stateDir, rebootCommand });
    const agentStopping = new AbortController();
    const payload = rebootingJob(dir);
    const running = first.run(payload, agentStopping.signal, 'job-reboot');
    await waitUntil('the reboot command', () => lines(`${dir}/reboots`).length === 1);
    // The reboot is under way: the job is not over and nothing after the reboot step ran.
    assert.deepEqual(first.plugin.pendingResumes().map((p) => p.jobId), ['job-reboot']);
    assert.equal(first.text('after'), '');
    agentStopping.abort(new Error('the agent is stopping'));
    await assert.rejects(running, RebootPendingError);

    // The node is back: a new agent (new plugin, same state directory) resumes the job.
    const second = harness({ stateDir, rebootCommand });
    const [pending] = second.plugin.pendingResumes();
    assert.equal(pending.jobId, 'job-reboot');
    const result = await second.run(pending.payload, new AbortController().signal, 'job-reboot');
    assert.equal(result.status, 'Success');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.responseCode]), [
      ['before', 'Success', 0],
      ['reboot', 'Success', 0],
      ['after', 'Success', 0],
    ]);
    assert.equal(second.text('before'), '', 'a finished step is not run again');
    assert.equal(second.text('reboot'), 'back after the reboot\n');
    assert.equal(second.text('after'), 'after\n');
    assert.deepEqual(lines(`${dir}/before-runs`), ['run']);
    assert.deepEqual(lines(`${dir}/reboots`), ['reboot'], 'the reboot command ran once');
    assert.deepEqual(second.plugin.pendingResumes(), [], 'the resume point is used up');
    assert.equal(fs.readdirSync(path.join(stateDir, 'run-command', 'resume')).length, 0);
  });

  it('a reboot command that fails fails the step and stops the document; nothing waits to resume', async () => {
    const dir = tempDir();
    const h = harness({ rebootCommand: 'echo no reboot for you >&2; exit 7' });
    const result = await h.run(rebootingJob(dir));
    assert.equal(result.status, 'Failed');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.responseCode]), [
      ['before', 'Success', 0],
      ['reboot', 'Failed', 194],
      ['after', 'Skipped', -1],
    ]);
    assert.match(h.text('reboot', 'stderr'), /reboot .* failed: .* exited 7: no reboot for you/);
    assert.deepEqual(h.plugin.pendingResumes(), []);
  });

  it('a reboot that never comes fails the step after the wait, instead of hanging the job', async () => {
    const dir = tempDir();
    const h = harness({ rebootCommand: 'true', rebootWaitMs: 300 });
    const result = await h.run(rebootingJob(dir));
    assert.equal(result.status, 'Failed');
    assert.deepEqual(result.steps.map((s) => s.status), ['Success', 'Failed', 'Skipped']);
    assert.match(h.text('reboot', 'stderr'), /did not happen/);
    assert.deepEqual(h.plugin.pendingResumes(), []);
  });
});
