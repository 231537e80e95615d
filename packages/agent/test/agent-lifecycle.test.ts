/**
 * Real bosun-agent processes, each with its own state directory, against the fake server:
 * register, come online with facts, heartbeat, survive a server restart on the same port, and
 * stop with a clear message when deregistered.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readOsPlatform } from '../src/facts/os-release';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

describe('bosun-agent processes against a server', () => {
  const server = new FakeServer({ heartbeatSeconds: 1 });
  const stateDirs = [tempStateDir(), tempStateDir(), tempStateDir()];
  const ids: string[] = [];
  const agents: AgentProcess[] = [];

  before(async () => {
    await server.start();
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await server.stop().catch(() => {});
  });

  it('registers three nodes, each with its own key, id and private state files', async () => {
    const activation = server.addActivation(3);
    for (const dir of stateDirs) {
      const result = await agentCommand(['register', '--state-dir', dir], {
        BOSUN_AGENT_URL: server.url,
        BOSUN_ACTIVATION_ID: activation.id,
        BOSUN_ACTIVATION_CODE: activation.code,
      });
      assert.equal(result.status, 0, result.stderr);
      const id = /registered as (mi-[0-9a-f]{17})/.exec(result.stdout)?.[1];
      assert.ok(id, result.stdout);
      ids.push(id);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      for (const file of fs.readdirSync(dir)) assert.equal(fs.statSync(path.join(dir, file)).mode & 0o777, 0o600, file);
      const registration = JSON.parse(fs.readFileSync(path.join(dir, 'registration.json'), 'utf8'));
      assert.equal(registration.instanceId, id);
      assert.equal(registration.serverUrl, server.url);
      // the private key stays on the node: the server holds a public key matching it, nothing more
      assert.match(fs.readFileSync(path.join(dir, 'private-key.pem'), 'utf8'), /BEGIN PRIVATE KEY/);
    }
    assert.equal(new Set(ids).size, 3);
  });

  it('a fourth registration on the exhausted activation gets InvalidActivation and writes nothing', async () => {
    const activation = [...server.activations.entries()][0];
    const dir = tempStateDir();
    const result = await agentCommand(['register', '--url', server.url, '--activation-id', activation[0], '--activation-code', activation[1].code, '--state-dir', dir]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /registration failed: InvalidActivation/);
    assert.match(result.stderr, /registration limit/);
    assert.equal(fs.existsSync(path.join(dir, 'registration.json')), false);
  });

  it('refuses to register over an existing registration without --force', async () => {
    const activation = server.addActivation(1);
    const args = ['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', stateDirs[0]];
    const refused = await agentCommand(args);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, new RegExp(`already registered as ${ids[0]}.*--force`));
    assert.equal(JSON.parse(fs.readFileSync(path.join(stateDirs[0], 'registration.json'), 'utf8')).instanceId, ids[0]);
  });

  it('every agent comes online with its facts and heartbeats', async () => {
    for (const dir of stateDirs) agents.push(runAgentProcess(dir, ['--log-format', 'text']));
    await waitFor('three agents online', () => server.online().length === 3);
    const platform = readOsPlatform();
    for (const id of ids) {
      const facts = server.nodes.get(id)!.facts;
      assert.equal(facts.computerName, os.hostname());
      assert.equal(facts.platformType, 'Linux');
      assert.equal(facts.platformName, platform.platformName);
      assert.equal(facts.platformVersion, platform.platformVersion);
      assert.match(facts.ipAddress, /^\d+\.\d+\.\d+\.\d+$/);
      assert.equal(facts.agentVersion, '0.1.0');
    }
    await waitFor('heartbeats from every agent', () => ids.every((id) => server.nodes.get(id)!.heartbeats >= 2), 5_000);
  });

  it('after the server is killed and started again on the same port, every agent is back online', async () => {
    const port = server.port;
    await server.stop();
    assert.deepEqual(server.online(), []);
    await new Promise((r) => setTimeout(r, 1_500)); // agents fail to reconnect at least once
    await server.start(port);
    await waitFor('all three online again', () => server.online().length === 3, 20_000);
    for (const agent of agents) assert.equal(agent.child.exitCode, null);
  });

  it('status prints the node id, server and that it can connect', async () => {
    const result = await agentCommand(['status', '--state-dir', stateDirs[1]]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`node id: +${ids[1]}`));
    assert.match(result.stdout, new RegExp(`server: +${server.url}`));
    assert.match(result.stdout, /registered at: +\d{4}-\d\d-\d\dT/);
    assert.match(result.stdout, /connection: +ok/);
  });

  it('a deregistered node is refused: the agent says so and exits non-zero, the others stay online', async () => {
    server.deregister(ids[2]);
    const code = await agents[2].exited;
    assert.equal(code, 3);
    assert.match(agents[2].output(), /refused this node for good \(Deregistered\).*deregistered/);
    await new Promise((r) => setTimeout(r, 1_200));
    assert.deepEqual(server.online().sort(), [ids[0], ids[1]].sort());
  });

  it('after the server is gone, status says it cannot connect', async () => {
    await server.stop();
    const result = await agentCommand(['status', '--state-dir', stateDirs[0]]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, new RegExp(`node id: +${ids[0]}`));
    assert.match(result.stdout, /connection: +FAILED: .*ECONNREFUSED/);
  });
});
