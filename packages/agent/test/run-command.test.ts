/**
 * Run Command through a real bosun-agent process: the fake server sends `run-command` jobs over
 * the channel and reads back the live `job-output` frames and the `job-result`, as the real
 * server's SendCommand will.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobOutputMessage, JobResultMessage } from '@bosun/protocol/agent/messages';
import type { RunCommandJob, RunCommandResult, RunCommandStep } from '@bosun/protocol/agent/run-command';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-run-command-agent-'));
const shell = (name: string, runCommand: string | string[], extra: Partial<RunCommandStep> = {}): RunCommandStep => ({
  name,
  action: 'aws:runShellScript',
  ...extra,
  inputs: { runCommand, ...extra.inputs },
});

describe('run-command jobs in a real agent process', () => {
  const server = new FakeServer({ heartbeatSeconds: 1 });
  const stateDir = tempStateDir();
  let instanceId: string;
  let agent: AgentProcess;
  const received = () => server.nodes.get(instanceId)!.received;
  const outputOf = (jobId: string) => received().filter((m): m is JobOutputMessage => m.type === 'job-output' && m.jobId === jobId);
  const textOf = (jobId: string, stream: 'stdout' | 'stderr') =>
    outputOf(jobId)
      .filter((m) => m.stream === stream)
      .sort((a, b) => a.seq - b.seq)
      .map((m) => m.data)
      .join('');
  const resultOf = (jobId: string) => received().find((m): m is JobResultMessage => m.type === 'job-result' && m.jobId === jobId);
  const send = (jobId: string, steps: RunCommandStep[], extra: Partial<RunCommandJob> = {}) => {
    const payload: RunCommandJob = { commandId: `cmd-${jobId}`, instanceId, documentName: 'AWS-RunShellScript', documentVersion: '1', steps, environment: {}, ...extra };
    server.send(instanceId, { type: 'job', jobId, kind: 'run-command', payload });
  };

  before(async () => {
    await server.start();
    const activation = server.addActivation();
    const registered = await agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', stateDir]);
    instanceId = /registered as (mi-\w+)/.exec(registered.stdout)![1];
    agent = runAgentProcess(stateDir, ['--reboot-command', `echo reboot >> ${scratch}/reboots`]);
    await waitFor('online', () => server.online().includes(instanceId));
  });
  after(async () => {
    await agent.stop();
    await server.stop();
  });

  it('runs the steps, streams their output and answers with AWS-style step results', async () => {
    send(
      'rc-1',
      [
        shell('greet', ['echo "hello from $AWS_SSM_INSTANCE_ID in $AWS_SSM_REGION_NAME"', 'echo "$COLOUR" >&2']),
        shell('fail', 'echo failing; exit 4'),
        shell('windows', 'echo no', { precondition: { StringEquals: ['platformType', 'Windows'] } }),
      ],
      { environment: { COLOUR: 'teal' } },
    );
    const message = await waitFor('result of rc-1', () => resultOf('rc-1'));
    const result = message.result as RunCommandResult;
    assert.equal(message.error, undefined);
    assert.equal(result.status, 'Failed');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.responseCode]), [
      ['greet', 'Success', 0],
      ['fail', 'Failed', 4],
      ['windows', 'Skipped', -1],
    ]);
    assert.equal(textOf('rc-1', 'stdout').split('\n')[0], `hello from ${instanceId} in us-east-1`);
    assert.match(textOf('rc-1', 'stdout'), /^hello from .*\nfailing\nStep execution skipped due to unsatisfied preconditions/);
    assert.equal(textOf('rc-1', 'stderr'), 'teal\nfailed to run commands: exit status 4\n');
    // every frame before the result: the output is live, not an attachment to the result
    const resultIndex = received().findIndex((m) => m.type === 'job-result' && m.jobId === 'rc-1');
    assert.ok(received().every((m, i) => m.type !== 'job-output' || m.jobId !== 'rc-1' || i < resultIndex));
  });

  it('streams output while the script runs, in a handful of frames', async () => {
    send('rc-2', [shell('ticker', 'for i in 1 2 3 4 5 6 7 8 9 10; do echo tick $i; sleep 0.1; done')]);
    await waitFor('first ticks', () => textOf('rc-2', 'stdout').includes('tick 2'));
    assert.equal(resultOf('rc-2'), undefined, 'output arrives before the step has finished');
    await waitFor('result of rc-2', () => resultOf('rc-2'));
    assert.equal(textOf('rc-2', 'stdout'), Array.from({ length: 10 }, (_, i) => `tick ${i + 1}\n`).join(''));
    const seqs = outputOf('rc-2').map((m) => m.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i), 'one ordered sequence per stream');
    assert.ok(seqs.length >= 3 && seqs.length <= 12, `${seqs.length} frames`);
  });

  it('job-cancel kills the running script’s whole process group and answers Cancelled', async () => {
    send('rc-3', [shell('sleepy', `sleep 300 &\necho $! > ${scratch}/sleep.pid\necho sleeping\nwait`), shell('later', 'echo later')]);
    await waitFor('the script to start', () => textOf('rc-3', 'stdout') === 'sleeping\n');
    const pid = Number(fs.readFileSync(`${scratch}/sleep.pid`, 'utf8'));
    server.send(instanceId, { type: 'job-cancel', jobId: 'rc-3' });
    const message = await waitFor('result of rc-3', () => resultOf('rc-3'), 5_000);
    const result = message.result as RunCommandResult;
    assert.equal(result.status, 'Cancelled');
    assert.deepEqual(result.steps.map((s) => s.status), ['Cancelled', 'Cancelled']);
    const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    assert.ok(stat === '' || / Z /.test(stat), 'the background sleep is gone');
  });

  it('exit 194 runs the --reboot-command once and keeps the job open for after the reboot', async () => {
    send('rc-4', [shell('patch', 'echo patched; exit 194'), shell('verify', 'echo verified')]);
    await waitFor('the reboot command', () => fs.existsSync(`${scratch}/reboots`));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(fs.readFileSync(`${scratch}/reboots`, 'utf8'), 'reboot\n');
    assert.equal(resultOf('rc-4'), undefined, 'no result while the node reboots');
    assert.equal(textOf('rc-4', 'stdout'), 'patched\n');
    const resumeFiles = fs.readdirSync(path.join(stateDir, 'run-command', 'resume'));
    assert.deepEqual(resumeFiles, ['rc-4.json']);
    assert.equal(JSON.parse(fs.readFileSync(path.join(stateDir, 'run-command', 'resume', 'rc-4.json'), 'utf8')).nextStep, 0);
  });
});
