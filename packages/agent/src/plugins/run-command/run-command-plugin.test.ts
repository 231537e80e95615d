/** The run-command plugin with real `sh` processes: order, exit codes, environment, preconditions. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { harness, job, shell, tempDir } from './plugin-test-harness';
import { PRECONDITION_SKIPPED } from './preconditions';

describe('run-command plugin', () => {
  it('runs the steps in order and streams each step’s output tagged with its name', async () => {
    const h = harness();
    const result = await h.run(job([shell('first', ['echo one', 'echo oops >&2', 'echo two']), shell('second', 'echo three')]));
    assert.equal(result.status, 'Success');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.responseCode]), [['first', 'Success', 0], ['second', 'Success', 0]]);
    assert.equal(h.text('first'), 'one\ntwo\n');
    assert.equal(h.text('first', 'stderr'), 'oops\n');
    assert.equal(h.text('second'), 'three\n');
    const lastOfFirst = h.frames.findLastIndex((f) => f.step === 'first');
    assert.ok(lastOfFirst < h.frames.findIndex((f) => f.step === 'second'), 'the second step starts after the first one ended');
    assert.ok(Date.parse(result.steps[0].finishedAt) <= Date.parse(result.steps[1].startedAt));
  });

  it('joins runCommand lines into one script run by sh (variables live across lines)', async () => {
    const h = harness();
    await h.run(job([shell('s', ['x=41', 'x=$((x + 1))', 'echo "x is $x"', 'echo "$0" | grep -q _script.sh && echo "from a script file"'])]));
    assert.equal(h.text('s'), 'x is 42\nfrom a script file\n');
  });

  it('a failing step fails the invocation with its exit code, and later steps still run', async () => {
    const h = harness();
    const result = await h.run(job([shell('bad', 'echo before; exit 3'), shell('after', 'echo still here')]));
    assert.equal(result.status, 'Failed');
    assert.deepEqual(result.steps.map((s) => [s.status, s.responseCode]), [['Failed', 3], ['Success', 0]]);
    assert.match(h.text('bad', 'stderr'), /failed to run commands: exit status 3\n$/);
    assert.equal(h.text('after'), 'still here\n');
  });

  it('exit 168 stops the document as a success; the steps after it do not run', async () => {
    const dir = tempDir();
    const h = harness();
    const result = await h.run(job([shell('stop', 'exit 168'), shell('never', `touch ${dir}/ran`)]));
    assert.equal(result.status, 'Success');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.responseCode]), [['stop', 'Success', 168], ['never', 'Skipped', -1]]);
    assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
  });

  it('exit 169 stops the document as a failure; the steps after it do not run', async () => {
    const dir = tempDir();
    const h = harness();
    const result = await h.run(job([shell('stop', 'exit 169'), shell('never', `touch ${dir}/ran`)]));
    assert.equal(result.status, 'Failed');
    assert.deepEqual(result.steps.map((s) => [s.status, s.responseCode]), [['Failed', 169], ['Skipped', -1]]);
    assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
  });

  it('runs in workingDirectory, and fails the step when that directory does not exist', async () => {
    const dir = fs.realpathSync(tempDir());
    const h = harness();
    const result = await h.run(job([shell('here', 'pwd', { inputs: { workingDirectory: dir } }), shell('nowhere', 'pwd', { inputs: { workingDirectory: `${dir}/missing` } })]));
    assert.equal(h.text('here'), `${dir}\n`);
    assert.deepEqual(result.steps.map((s) => s.status), ['Success', 'Failed']);
    assert.match(h.text('nowhere', 'stderr'), /workingDirectory .*missing/);
    assert.equal(h.text('nowhere'), '', 'no script ran');
  });

  it('gives scripts AWS_SSM_INSTANCE_ID, AWS_SSM_REGION_NAME and the job’s environment, not the agent’s secrets', async () => {
    const h = harness();
    process.env.BOSUN_ACTIVATION_CODE = 'do-not-leak';
    try {
      await h.run(job([shell('env', 'echo "$AWS_SSM_INSTANCE_ID $AWS_SSM_REGION_NAME $GREETING [$BOSUN_ACTIVATION_CODE] $PATH"')], { environment: { GREETING: 'hello', AWS_SSM_REGION_NAME: 'eu-central-1' } }));
    } finally {
      delete process.env.BOSUN_ACTIVATION_CODE;
    }
    assert.equal(h.text('env'), `mi-0123456789abcdef0 eu-central-1 hello [] ${process.env.PATH}\n`);
  });

  it('skips a step whose platformType precondition does not hold, with AWS’s status detail', async () => {
    const h = harness({ platformType: () => 'Linux' });
    const result = await h.run(
      job([
        shell('windows-only', 'echo should not run', { precondition: { StringEquals: ['platformType', 'Windows'] } }),
        shell('linux-only', 'echo linux', { precondition: { StringEquals: ['platformType', 'Linux'] } }),
      ]),
    );
    assert.equal(result.status, 'Success');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.statusDetails]), [
      ['windows-only', 'Skipped', PRECONDITION_SKIPPED],
      ['linux-only', 'Success', 'Success'],
    ]);
    assert.match(h.text('windows-only'), /^Step execution skipped due to unsatisfied preconditions: '"StringEquals": \[platformType, Windows\]'\. Step name: windows-only\n$/);
    assert.equal(h.text('linux-only'), 'linux\n');
  });

  it('fails a step whose action this agent has no executor for', async () => {
    const h = harness();
    const result = await h.run(job([{ name: 'ps', action: 'aws:runPowerShellScript', inputs: { runCommand: 'Get-Date' } }]));
    assert.equal(result.status, 'Failed');
    assert.equal(result.steps[0].responseCode, -1);
    assert.match(h.text('ps', 'stderr'), /Plugin with name aws:runPowerShellScript not found/);
  });

  it('batches output: thousands of tiny writes arrive in a few frames, complete and in order', async () => {
    const h = harness();
    await h.run(job([shell('chatty', 'i=0; while [ $i -lt 3000 ]; do printf "%d," $i; i=$((i+1)); done')]));
    const frames = h.frames.filter((f) => f.step === 'chatty');
    assert.equal(h.text('chatty'), Array.from({ length: 3000 }, (_, i) => `${i},`).join(''));
    assert.ok(frames.length < 100, `${frames.length} frames for 3000 writes`);
  });

  it('batches a slow trickle into ~100 ms frames rather than one frame per write', async () => {
    const h = harness();
    await h.run(job([shell('trickle', 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do printf x; sleep 0.02; done')]));
    const frames = h.frames.filter((f) => f.step === 'trickle');
    assert.equal(h.text('trickle'), 'x'.repeat(30));
    assert.ok(frames.length <= 12, `${frames.length} frames for 30 writes over ~0.6 s`);
    assert.ok(frames.length >= 3, 'output is streamed while the step runs, not held to the end');
  });
});
