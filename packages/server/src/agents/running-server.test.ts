/**
 * The whole server as `bosun server` starts it: the node role made through the IAM API, the
 * hub on RunningServer.agents, and a shutdown that tells connected agents to come back later.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateActivationCommand, DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CLOSE_CODES } from '@bosun/protocol/agent/messages';
import { startTestServer, type TestServer } from '../../test/server-harness';
import { SSM_TRUST_POLICY } from './index';
import { connectNode, registerNode } from './testing/test-agent';

describe('agents on a full server', () => {
  let t: TestServer;
  let ssm: SSMClient;
  before(async () => {
    t = await startTestServer();
    const credentials = { accessKeyId: t.admin.accessKeyId, secretAccessKey: t.admin.secretAccessKey };
    const iam = new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials });
    await iam.send(new CreateRoleCommand({ RoleName: 'FleetRole', AssumeRolePolicyDocument: SSM_TRUST_POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'FleetRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    ssm = new SSMClient({ endpoint: t.url, region: 'us-east-1', credentials });
  });
  after(async () => t.close());

  it('registers, connects and is Online; shutting the server down closes the channel with going-away', async () => {
    const { ActivationId, ActivationCode } = await ssm.send(new CreateActivationCommand({ IamRole: 'FleetRole', Tags: [{ Key: 'Fleet', Value: 'a' }] }));
    const node = await registerNode(t.url, ActivationId!, ActivationCode!);
    const { channel } = await connectNode(t.url, node);
    assert.equal(t.server.agents.isOnline(node.instanceId), true);
    const listed = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'tag:Fleet', Values: ['a'] }] }));
    assert.deepEqual(listed.InstanceInformationList!.map((i) => [i.InstanceId, i.PingStatus]), [[node.instanceId, 'Online']]);
    await t.server.agents.close();
    assert.equal((await channel.whenClosed()).code, CLOSE_CODES.goingAway);
  });
});
