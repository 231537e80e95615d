/**
 * A server that welcomes the node and drops it at once must not be redialled in a tight loop:
 * only a connection that lasted resets the backoff.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAgent, type RunningAgent } from '../src/agent';
import { createLogger } from '../src/log/logger';
import { agentCommand, tempStateDir } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

describe('reconnect backoff against a flapping server', () => {
  const server = new FakeServer({ heartbeatSeconds: 1 });
  let agent: RunningAgent;

  before(async () => {
    await server.start();
    const activation = server.addActivation();
    const dir = tempStateDir();
    await agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', dir]);
    server.dropAfterWelcome = true;
    // base 100 ms: a reset on every welcome would mean ~20 dials in the window below
    agent = startAgent({ stateDir: dir, logger: createLogger({ level: 'silent' }), backoff: { baseMs: 100 } });
  });
  after(async () => {
    await agent.stop();
    await server.stop();
  });

  it('backs off further on each drop even though every dial was welcomed', async () => {
    await waitFor('the first dial', () => server.connections >= 1);
    await new Promise((r) => setTimeout(r, 2_500));
    assert.ok(server.connections >= 3, `redialled (${server.connections})`);
    assert.ok(server.connections <= 8, `${server.connections} dials in 2.5 s is a storm`);
  });
});
