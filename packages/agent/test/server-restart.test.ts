/**
 * Three real agents against a real `bosun server` process over TLS with the pinned CA: they
 * come Online, the server is killed (SIGKILL) and started again on the same port, and every
 * agent is Online again without help. A mismatched CA fingerprint is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateActivationCommand, DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { bosunServerProcess, type ServerProcess } from './bosun-server-process';
import { waitFor } from './fake-server';

const SSM_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('agents and a restarted bosun server process', () => {
  let server: ServerProcess;
  let ssm: SSMClient;
  let activation: { ActivationId?: string; ActivationCode?: string };
  const ids: string[] = [];
  const agents: AgentProcess[] = [];

  const onlineSince = async (since: Date): Promise<string[]> => {
    const list = (await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Online'] }] }))).InstanceInformationList ?? [];
    return list.filter((i) => i.LastPingDateTime! >= since).map((i) => i.InstanceId!).sort();
  };

  before(async () => {
    server = await bosunServerProcess();
    await server.start();
    const config = { endpoint: server.url, region: 'us-east-1', credentials: server.admin, maxAttempts: 1, requestHandler: server.requestHandler };
    ssm = new SSMClient(config);
    const iam = new IAMClient(config);
    await iam.send(new CreateRoleCommand({ RoleName: 'BosunNodeRole', AssumeRolePolicyDocument: SSM_TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'BosunNodeRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    activation = await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', RegistrationLimit: 5 }));
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await server?.kill();
  });

  const register = (dir: string, fingerprint: string) =>
    agentCommand(['register', '--url', server.url, '--activation-id', activation.ActivationId!, '--activation-code', activation.ActivationCode!, '--ca-fingerprint', fingerprint, '--state-dir', dir]);

  it('three agents register over TLS with the CA fingerprint and come Online', async () => {
    const since = new Date();
    for (let i = 0; i < 3; i++) {
      const dir = tempStateDir();
      const result = await register(dir, server.tls.caFingerprint);
      assert.equal(result.status, 0, result.stderr);
      ids.push(/registered as (mi-\w+)/.exec(result.stdout)![1]);
      agents.push(runAgentProcess(dir));
    }
    await waitFor('three Online', async () => (await onlineSince(since)).length === 3, 20_000);
  });

  it('after a kill -9 and a start on the same port, every agent is Online again by itself', async () => {
    await server.kill();
    await new Promise((r) => setTimeout(r, 2_000)); // agents see the loss and back off
    const restarted = new Date();
    await server.start();
    const online = await waitFor('all three Online after the restart', async () => {
      const now = await onlineSince(restarted);
      return now.length === 3 ? now : undefined;
    }, 30_000);
    assert.deepEqual(online, [...ids].sort());
    for (const agent of agents) assert.equal(agent.child.exitCode, null);
  });

  it('a mismatched CA fingerprint is refused and nothing is registered', async () => {
    const wrong = 'AB:'.repeat(31) + 'AB';
    const result = await register(tempStateDir(), wrong);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /did not present a certificate with fingerprint AB:AB/);
  });
});
