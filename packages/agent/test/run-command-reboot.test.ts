/**
 * Exit 194 through real agent processes: the reboot command (here: stop the agent, as a reboot
 * would) runs once, and the agent that starts afterwards runs the remaining steps of the same
 * job — the reboot step again, never the steps before it — and sends one job-result.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobOutputMessage, JobResultMessage } from '@bosun/protocol/agent/messages';
import type { RunCommandJob, RunCommandResult } from '@bosun/protocol/agent/run-command';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

describe('run-command reboot across agent restarts', () => {
  const server = new FakeServer({ heartbeatSeconds: 1 });
  const stateDir = tempStateDir();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-reboot-'));
  // "Reboot": note it, then stop the agent the way shutdown does (SIGTERM to the agent, our parent).
  const rebootArgs = ['--reboot-command', `echo reboot >> ${scratch}/reboots; kill -TERM $PPID`];
  let instanceId: string;
  let agent: AgentProcess;
  const received = () => server.nodes.get(instanceId)!.received;

  before(async () => {
    await server.start();
    const activation = server.addActivation();
    const registered = await agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', stateDir]);
    instanceId = /registered as (mi-\w+)/.exec(registered.stdout)![1];
    agent = runAgentProcess(stateDir, rebootArgs);
    await waitFor('online', () => server.online().includes(instanceId));
  });
  after(async () => {
    await agent.stop();
    await server.stop();
  });

  it('resumes after the reboot and reports the whole invocation once', async () => {
    const payload: RunCommandJob = {
      commandId: 'c-reboot',
      instanceId,
      documentName: 'AWS-RunShellScript',
      documentVersion: '1',
      environment: {},
      steps: [
        { name: 'before', action: 'aws:runShellScript', inputs: { runCommand: `echo run >> ${scratch}/before-runs; echo before` } },
        { name: 'patch', action: 'aws:runShellScript', inputs: { runCommand: `if [ ! -f ${scratch}/patched ]; then touch ${scratch}/patched; exit 194; fi; echo patched` } },
        { name: 'after', action: 'aws:runShellScript', inputs: { runCommand: 'echo after' } },
      ],
    };
    server.send(instanceId, { type: 'job', jobId: 'rb-1', kind: 'run-command', payload });
    assert.equal(await agent.exited, 0, 'the "reboot" stopped the agent');
    assert.equal(received().some((m) => m.type === 'job-result'), false, 'nothing reported before the reboot');

    agent = runAgentProcess(stateDir, rebootArgs);
    const message = await waitFor('the result after the reboot', () => received().find((m): m is JobResultMessage => m.type === 'job-result' && m.jobId === 'rb-1'), 15_000);
    const result = message.result as RunCommandResult;
    assert.equal(result.status, 'Success');
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.responseCode]), [['before', 'Success', 0], ['patch', 'Success', 0], ['after', 'Success', 0]]);
    const output = received().filter((m): m is JobOutputMessage => m.type === 'job-output' && m.jobId === 'rb-1');
    assert.deepEqual(output.map((m) => [m.step, m.data]), [['before', 'before\n'], ['patch', 'patched\n'], ['after', 'after\n']]);
    assert.equal(fs.readFileSync(`${scratch}/before-runs`, 'utf8'), 'run\n');
    assert.equal(fs.readFileSync(`${scratch}/reboots`, 'utf8'), 'reboot\n');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(received().filter((m) => m.type === 'job-result' && m.jobId === 'rb-1').length, 1);
  });
});
