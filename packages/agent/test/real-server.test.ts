/**
 * Real bosun-agent processes against a real Bosun server (in this process: the server's own
 * front door, IAM and agent channel with the managed-node operations), driven through the AWS SDK like an operator would: CreateActivation,
 * register, Online in DescribeInstanceInformation with the node's facts and the activation's
 * tags, filters, then DeregisterManagedInstance — the agent stops and says why.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateActivationCommand,
  DeregisterManagedInstanceCommand,
  DescribeInstanceInformationCommand,
  SSMClient,
  type InstanceInformation,
} from '@aws-sdk/client-ssm';
import { setHeartbeatSeconds } from '@bosun/server/agents/index';
import { startAgentTestServer, type AgentTestServer } from '@bosun/server/agents/testing/agent-test-server';
import { readOsPlatform } from '../src/facts/os-release';
import { generateNodeKey } from '../src/identity/node-key';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { waitFor } from './fake-server';

describe('bosun-agent processes against a real Bosun server', () => {
  let server: AgentTestServer;
  let ssm: SSMClient;
  let activation: { ActivationId?: string; ActivationCode?: string };
  const stateDirs = [tempStateDir(), tempStateDir(), tempStateDir()];
  const ids: string[] = [];
  const agents: AgentProcess[] = [];

  const describeAll = async (filters: { Key: string; Values: string[] }[] = []): Promise<InstanceInformation[]> =>
    (await ssm.send(new DescribeInstanceInformationCommand({ Filters: filters.length ? filters : undefined }))).InstanceInformationList ?? [];

  before(async () => {
    setHeartbeatSeconds(1);
    // The managed-node rooms of the real server (front door, SigV4, IAM, agent channel) on SQLite.
    server = await startAgentTestServer('sqlite');
    ssm = server.ssm();
    await server.createNodeRole('BosunNodeRole');
    activation = await ssm.send(
      new CreateActivationCommand({ IamRole: 'BosunNodeRole', RegistrationLimit: 3, DefaultInstanceName: 'web', Tags: [{ Key: 'Env', Value: 'agent-test' }] }),
    );
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await server?.close();
  });

  it('a wrong activation code gets AWS InvalidActivation from the server, explained', async () => {
    const result = await agentCommand(['register', '--url', server.url, '--activation-id', activation.ActivationId!, '--activation-code', 'A'.repeat(20), '--state-dir', tempStateDir()]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /registration failed: InvalidActivation/);
    assert.match(result.stderr, /→ .*create-activation/);
  });

  it('three agents register with the activation and come Online with their facts', async () => {
    for (const dir of stateDirs) {
      const result = await agentCommand(['register', '--url', server.url, '--activation-id', activation.ActivationId!, '--activation-code', activation.ActivationCode!, '--state-dir', dir]);
      assert.equal(result.status, 0, result.stderr);
      ids.push(/registered as (mi-[0-9a-f]{17})/.exec(result.stdout)![1]);
      agents.push(runAgentProcess(dir));
    }
    const online = await waitFor('three Online nodes', async () => {
      const list = await describeAll([{ Key: 'PingStatus', Values: ['Online'] }]);
      return list.length === 3 ? list : undefined;
    }, 15_000);
    assert.deepEqual(online.map((i) => i.InstanceId).sort(), [...ids].sort());
    const platform = readOsPlatform();
    for (const info of online) {
      assert.equal(info.ResourceType, 'ManagedInstance');
      assert.equal(info.PlatformType, 'Linux');
      assert.equal(info.PlatformName, platform.platformName);
      assert.equal(info.PlatformVersion, platform.platformVersion);
      assert.equal(info.ComputerName, os.hostname());
      assert.equal(info.AgentVersion, '0.1.0');
      assert.equal(info.ActivationId, activation.ActivationId);
      assert.match(info.IPAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
      assert.ok(info.LastPingDateTime instanceof Date);
    }
  });

  it('each node carries the activation tags (tag filters find them), and the other filters work', async () => {
    assert.equal((await describeAll([{ Key: 'tag:Env', Values: ['agent-test'] }])).length, 3);
    assert.equal((await describeAll([{ Key: 'tag:Env', Values: ['prod'] }])).length, 0);
    assert.equal((await describeAll([{ Key: 'tag-key', Values: ['Env'] }])).length, 3);
    assert.deepEqual((await describeAll([{ Key: 'InstanceIds', Values: [ids[1]] }])).map((i) => i.InstanceId), [ids[1]]);
    assert.equal((await describeAll([{ Key: 'ActivationIds', Values: [activation.ActivationId!] }])).length, 3);
    assert.equal((await describeAll([{ Key: 'AgentVersion', Values: ['0.1.0'] }])).length, 3);
  });

  it('a stolen registration without the node\'s key is refused (BadSignature) and never comes Online', async () => {
    const thief = tempStateDir();
    fs.mkdirSync(thief, { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(stateDirs[0], 'registration.json'), path.join(thief, 'registration.json'));
    fs.writeFileSync(path.join(thief, 'private-key.pem'), generateNodeKey().privateKeyPem, { mode: 0o600 });
    const impostor = runAgentProcess(thief);
    agents.push(impostor);
    await waitFor('the impostor refused', () => /BadSignature/.test(impostor.output()), 10_000);
    await impostor.stop();
    // the real node kept its connection throughout
    const [info] = await describeAll([{ Key: 'InstanceIds', Values: [ids[0]] }]);
    assert.equal(info.PingStatus, 'Online');
    assert.equal(agents[0].child.exitCode, null);
  });

  it('a deregistered node is refused: the agent stops non-zero and says so; the others stay Online', async () => {
    await ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: ids[2] }));
    assert.equal(await agents[2].exited, 3);
    assert.match(agents[2].output(), /refused this node for good \(Deregistered\)/);
    await new Promise((r) => setTimeout(r, 1_500));
    const online = await describeAll([{ Key: 'PingStatus', Values: ['Online'] }]);
    assert.deepEqual(online.map((i) => i.InstanceId).sort(), [ids[0], ids[1]].sort());
    assert.equal(agents[0].child.exitCode, null);
  });

  it('restarting the deregistered agent does not bring it back', async () => {
    const again = runAgentProcess(stateDirs[2]);
    agents.push(again);
    assert.equal(await again.exited, 3);
    assert.match(again.output(), /Deregistered/);
  });
});
