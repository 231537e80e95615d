/**
 * Jobs over the channel, with the agent in this process (so a test plugin can be plugged in):
 * acknowledged, run once, output streamed, results delivered, cancellation, unknown kinds —
 * and never run twice across a reconnect or a restart of the agent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChannelMessage, JobResultMessage } from '@bosun/protocol/agent/messages';
import { startAgent, type RunningAgent } from '../src/agent';
import { createLogger } from '../src/log/logger';
import type { AgentPlugin } from '../src/plugins/plugin';
import { agentCommand, tempStateDir } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

const runs: string[] = [];
const echo: AgentPlugin = {
  kind: 'test:echo',
  async execute(job, signal, output) {
    runs.push(job.jobId);
    const { text, waitMs = 0 } = job.payload as { text: string; waitMs?: number };
    output.write('stdout', text);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, waitMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
    return { echoed: text, sessionToken: job.credentials()?.sessionToken };
  },
};

describe('jobs', () => {
  const server = new FakeServer({ heartbeatSeconds: 1 });
  const stateDir = tempStateDir();
  let instanceId: string;
  let agent: RunningAgent;
  const start = () => startAgent({ stateDir, logger: createLogger({ level: 'silent' }), plugins: [echo], backoff: { baseMs: 100 } });
  const received = () => server.nodes.get(instanceId)!.received;
  const resultOf = (jobId: string) =>
    received().filter((m): m is JobResultMessage => m.type === 'job-result' && m.jobId === jobId);
  const count = (type: ChannelMessage['type'], jobId: string) => received().filter((m) => m.type === type && 'jobId' in m && m.jobId === jobId).length;

  before(async () => {
    await server.start();
    const activation = server.addActivation();
    const result = await agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', stateDir]);
    instanceId = /registered as (mi-\w+)/.exec(result.stdout)![1];
    agent = start();
    await waitFor('online', () => server.online().includes(instanceId));
  });
  after(async () => {
    await agent.stop();
    await server.stop();
  });

  it('acknowledges, runs with the role credentials, streams output and returns the result', async () => {
    server.send(instanceId, { type: 'job', jobId: 'j1', kind: 'test:echo', payload: { text: 'hello' } });
    const [result] = await waitFor('result of j1', () => (resultOf('j1').length ? resultOf('j1') : undefined));
    assert.deepEqual(result.result, { echoed: 'hello', sessionToken: 'token-1' });
    assert.equal(count('job-ack', 'j1'), 1);
    assert.ok(received().some((m) => m.type === 'job-output' && m.jobId === 'j1' && m.data === 'hello' && m.seq === 0));
  });

  it('uses credentials the server refreshes over the channel', async () => {
    server.send(instanceId, { type: 'credentials', credentials: { accessKeyId: 'ASIA2', secretAccessKey: 's', sessionToken: 'token-2', expiration: new Date(Date.now() + 3600_000).toISOString() } });
    await waitFor('fresh credentials', () => agent.credentials()?.sessionToken === 'token-2');
    server.send(instanceId, { type: 'job', jobId: 'j2', kind: 'test:echo', payload: { text: 'again' } });
    const [result] = await waitFor('result of j2', () => (resultOf('j2').length ? resultOf('j2') : undefined));
    assert.equal((result.result as { sessionToken: string }).sessionToken, 'token-2');
  });

  it('answers UnsupportedJobKind for a kind it has no plugin for, without pretending', async () => {
    server.send(instanceId, { type: 'job', jobId: 'j3', kind: 'aws:runShellScript', payload: {} });
    const [result] = await waitFor('result of j3', () => (resultOf('j3').length ? resultOf('j3') : undefined));
    assert.equal(result.result, null);
    assert.equal(result.error?.code, 'UnsupportedJobKind');
  });

  it('cancels a running job through its AbortSignal', async () => {
    server.send(instanceId, { type: 'job', jobId: 'j4', kind: 'test:echo', payload: { text: 'slow', waitMs: 60_000 } });
    await waitFor('ack of j4', () => count('job-ack', 'j4') === 1);
    server.send(instanceId, { type: 'job-cancel', jobId: 'j4' });
    const [result] = await waitFor('result of j4', () => (resultOf('j4').length ? resultOf('j4') : undefined), 3_000);
    assert.equal(result.error?.code, 'Cancelled');
  });

  it('a job sent again after a reconnect is acknowledged but not run again', async () => {
    const before = runs.filter((id) => id === 'j1').length;
    const port = server.port;
    await server.stop();
    await server.start(port);
    await waitFor('online again', () => server.online().includes(instanceId), 10_000);
    server.send(instanceId, { type: 'job', jobId: 'j1', kind: 'test:echo', payload: { text: 'hello' } });
    await waitFor('second ack of j1', () => count('job-ack', 'j1') === 2);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(runs.filter((id) => id === 'j1').length, before);
    assert.equal(before, 1);
  });

  it('after the agent restarts, old jobs are still not run again; a result lost with the connection is sent on the next one', async () => {
    server.send(instanceId, { type: 'job', jobId: 'j5', kind: 'test:echo', payload: { text: 'late', waitMs: 800 } });
    await waitFor('ack of j5', () => count('job-ack', 'j5') === 1);
    // the connection drops while j5 runs: its result cannot be sent now
    server.nodes.get(instanceId)!.socket!.terminate();
    await new Promise((r) => setTimeout(r, 1_000));
    await waitFor('online again', () => server.online().includes(instanceId), 10_000);
    await waitFor('the held-back result of j5', () => resultOf('j5').length === 1, 5_000);

    await agent.stop();
    const runsBefore = runs.length;
    agent = start();
    await waitFor('online after restart', () => server.online().includes(instanceId), 10_000);
    for (const jobId of ['j1', 'j2', 'j5']) server.send(instanceId, { type: 'job', jobId, kind: 'test:echo', payload: { text: 'x' } });
    await waitFor('acks after restart', () => count('job-ack', 'j5') === 2 && count('job-ack', 'j2') === 2);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(runs.length, runsBefore, 'no job ran twice');
    assert.equal(resultOf('j5').length, 1, 'a result already sent is not sent again');
  });
});
