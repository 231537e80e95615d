/** The agent reports its facts on connect, and again when they change — not on every heartbeat. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NodeFacts } from '@bosun/protocol/agent/messages';
import { startAgent, type RunningAgent } from '../src/agent';
import { collectFacts } from '../src/facts/collect-facts';
import { createLogger } from '../src/log/logger';
import { agentCommand, tempStateDir } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

describe('facts', () => {
  const server = new FakeServer({ heartbeatSeconds: 1 });
  let facts: NodeFacts = collectFacts();
  let agent: RunningAgent;
  let id: string;

  before(async () => {
    await server.start();
    const activation = server.addActivation();
    const dir = tempStateDir();
    const result = await agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', dir]);
    id = /registered as (mi-\w+)/.exec(result.stdout)![1];
    agent = startAgent({ stateDir: dir, logger: createLogger({ level: 'silent' }), facts: () => facts });
  });
  after(async () => {
    await agent.stop();
    await server.stop();
  });

  it('are sent in the hello, and a change (new address) is reported once', async () => {
    await waitFor('online', () => server.online().includes(id));
    assert.deepEqual(server.nodes.get(id)!.facts, facts);
    await waitFor('two heartbeats', () => server.nodes.get(id)!.heartbeats >= 2, 5_000);
    const factsFrames = () => server.nodes.get(id)!.received.filter((m) => m.type === 'facts');
    assert.equal(factsFrames().length, 0, 'unchanged facts are not resent');
    facts = { ...facts, ipAddress: '198.51.100.23' };
    await waitFor('the new address', () => server.nodes.get(id)!.facts.ipAddress === '198.51.100.23', 5_000);
    const heartbeats = server.nodes.get(id)!.heartbeats;
    await waitFor('two more heartbeats', () => server.nodes.get(id)!.heartbeats >= heartbeats + 2, 5_000);
    assert.equal(factsFrames().length, 1);
  });
});
