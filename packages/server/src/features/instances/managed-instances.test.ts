/** DescribeInstanceInformation/Properties, deregistration, role changes, node tags and IAM, through the SDK on both engines. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddTagsToResourceCommand,
  ListTagsForResourceCommand,
  RemoveTagsFromResourceCommand,
  CreateActivationCommand, DeregisterManagedInstanceCommand, DescribeInstanceInformationCommand,
  DescribeInstancePropertiesCommand, UpdateManagedInstanceRoleCommand, type InstanceInformation, type SSMClient,
} from '@aws-sdk/client-ssm';
import { startAgentTestServer, type AgentTestServer } from '../../agents/testing/agent-test-server';
import { registerNode, TEST_FACTS } from '../../agents/testing/test-agent';
import type { RequestContext } from '../../operations/types';
import { addInstanceTags, listInstanceTags, removeInstanceTags } from './index';

const failure = async (promise: Promise<unknown>): Promise<{ name: string; message: string }> => {
  try { await promise; } catch (e) { return e as { name: string; message: string }; }
  throw new Error('expected the call to fail');
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`managed instances [${kind}]`, () => {
    let t: AgentTestServer;
    let ssm: SSMClient;
    const prod: string[] = [];
    const dev: string[] = [];
    let prodActivation = '';

    const all = async (input: ConstructorParameters<typeof DescribeInstanceInformationCommand>[0]): Promise<InstanceInformation[]> => {
      const out: InstanceInformation[] = [];
      let token: string | undefined;
      do {
        const page = await ssm.send(new DescribeInstanceInformationCommand({ ...input, NextToken: token }));
        out.push(...page.InstanceInformationList!);
        token = page.NextToken;
      } while (token);
      return out;
    };

    before(async () => {
      t = await startAgentTestServer(kind);
      ssm = t.ssm();
      await t.createNodeRole('BosunNodeRole');
      await t.createNodeRole('OtherRole');
      const p = await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', RegistrationLimit: 7, DefaultInstanceName: 'web', Tags: [{ Key: 'Env', Value: 'prod' }] }));
      prodActivation = p.ActivationId!;
      for (let i = 0; i < 7; i++) prod.push((await registerNode(t.url, p.ActivationId!, p.ActivationCode!, { ...TEST_FACTS, agentVersion: `0.1.${i}` })).instanceId);
      const d = await ssm.send(new CreateActivationCommand({ IamRole: 'OtherRole', RegistrationLimit: 2 }));
      for (let i = 0; i < 2; i++) dev.push((await registerNode(t.url, d.ActivationId!, d.ActivationCode!, { ...TEST_FACTS, platformType: 'MacOS' })).instanceId);
    });
    after(async () => t.close());

    it('lists every node with its registration facts, 5 per page when asked', async () => {
      const first = await ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 5 }));
      assert.equal(first.InstanceInformationList!.length, 5);
      assert.ok(first.NextToken);
      const nodes = await all({ MaxResults: 5 });
      assert.deepEqual(nodes.map((n) => n.InstanceId).sort(), [...prod, ...dev].sort());
      const one = nodes.find((n) => n.InstanceId === prod[3])!;
      assert.equal(one.ActivationId, prodActivation);
      assert.equal(one.IamRole, 'BosunNodeRole');
      assert.equal(one.Name, 'web');
      assert.equal(one.ResourceType, 'ManagedInstance');
      assert.equal(one.PlatformType, 'Linux');
      assert.equal(one.AgentVersion, '0.1.3');
      assert.equal(one.ComputerName, TEST_FACTS.computerName);
      // Registered but never connected: not Online.
      assert.equal(one.PingStatus, 'ConnectionLost');
      assert.ok(one.RegistrationDate instanceof Date);
    });

    it('filters by tag, tag-key, platform, activation, role, ping status and ids (both filter styles)', async () => {
      const ids = async (input: ConstructorParameters<typeof DescribeInstanceInformationCommand>[0]) => (await all(input)).map((n) => n.InstanceId).sort();
      assert.deepEqual(await ids({ Filters: [{ Key: 'tag:Env', Values: ['prod'] }] }), [...prod].sort());
      assert.deepEqual(await ids({ Filters: [{ Key: 'tag-key', Values: ['Env'] }] }), [...prod].sort());
      assert.deepEqual(await ids({ Filters: [{ Key: 'PlatformTypes', Values: ['MacOS'] }] }), [...dev].sort());
      assert.deepEqual(await ids({ InstanceInformationFilterList: [{ key: 'ActivationIds', valueSet: [prodActivation] }] }), [...prod].sort());
      assert.deepEqual(await ids({ Filters: [{ Key: 'IamRole', Values: ['OtherRole'] }] }), [...dev].sort());
      assert.deepEqual(await ids({ Filters: [{ Key: 'PingStatus', Values: ['Online'] }] }), []);
      assert.deepEqual(await ids({ InstanceInformationFilterList: [{ key: 'InstanceIds', valueSet: [prod[0], dev[1]] }] }), [prod[0], dev[1]].sort());
      assert.deepEqual(await ids({ Filters: [{ Key: 'AgentVersion', Values: ['0.1.2'] }, { Key: 'ResourceType', Values: ['ManagedInstance'] }] }), [prod[2]]);
    });

    it('refuses unknown filter keys and values outside the enums', async () => {
      assert.equal((await failure(ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'Colour', Values: ['x'] }] })))).name, 'InvalidFilterKey');
      assert.equal((await failure(ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Sleeping'] }] })))).name, 'InvalidInstanceInformationFilterValue');
    });

    it('DescribeInstanceProperties filters with operators', async () => {
      const out = await ssm.send(new DescribeInstancePropertiesCommand({ FiltersWithOperator: [{ Key: 'AgentVersion', Values: ['0.1.4'], Operator: 'GreaterThan' }, { Key: 'IamRole', Values: ['BosunNodeRole'], Operator: 'Equal' }] }));
      assert.deepEqual(out.InstanceProperties!.map((p) => p.InstanceId).sort(), [prod[5], prod[6]].sort());
      const notMac = await ssm.send(new DescribeInstancePropertiesCommand({ FiltersWithOperator: [{ Key: 'PlatformTypes', Values: ['MacOS'], Operator: 'NotEqual' }], MaxResults: 50 }));
      assert.equal(notMac.InstanceProperties!.length, prod.length);
      assert.equal(notMac.InstanceProperties![0].InstanceRole, 'BosunNodeRole');
    });

    it('tags a node, lists and removes tags; unknown nodes are InvalidResourceId', async () => {
      const ctx = { db: t.context.db, accountId: t.accountId, region: 'us-east-1' } as RequestContext;
      await addInstanceTags(ctx, dev[0], [{ Key: 'Team', Value: 'blue' }, { Key: 'Env', Value: 'dev' }]);
      assert.deepEqual(await listInstanceTags(ctx, dev[0]), [{ Key: 'Env', Value: 'dev' }, { Key: 'Team', Value: 'blue' }]);
      await addInstanceTags(ctx, dev[0], [{ Key: 'Team', Value: 'red' }]);
      await removeInstanceTags(ctx, dev[0], ['Env']);
      assert.deepEqual(await listInstanceTags(ctx, dev[0]), [{ Key: 'Team', Value: 'red' }]);
      const ids = (await all({ Filters: [{ Key: 'tag:Team', Values: ['red'] }] })).map((n) => n.InstanceId);
      assert.deepEqual(ids, [dev[0]]);
      await assert.rejects(listInstanceTags(ctx, 'mi-0123456789abcdef0'), { code: 'InvalidResourceId' });
      const otherRegion = { ...ctx, region: 'eu-west-1' } as RequestContext;
      await assert.rejects(addInstanceTags(otherRegion, dev[0], [{ Key: 'a', Value: 'b' }]), { code: 'InvalidResourceId' });
      const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await assert.rejects(addInstanceTags(ctx, dev[0], many), { code: 'TooManyTagsError' });
    });

    it('tags a node through the SSM tag operations (ResourceType ManagedInstance)', async () => {
      await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: prod[0], Tags: [{ Key: 'Owner', Value: 'ops' }] }));
      const listed = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: prod[0] }));
      assert.deepEqual(listed.TagList, [{ Key: 'Env', Value: 'prod' }, { Key: 'Owner', Value: 'ops' }]);
      await ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: prod[0], TagKeys: ['Owner'] }));
      const after = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: prod[0] }));
      assert.deepEqual(after.TagList, [{ Key: 'Env', Value: 'prod' }]);
      const unknown = await failure(ssm.send(new ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: 'mi-0123456789abcdef0' })));
      assert.equal(unknown.name, 'InvalidResourceId');
    });

    it('authorises per node ARN with aws:ResourceTag from the node tags', async () => {
      const creds = await t.createUser('operator', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ssm:DeregisterManagedInstance', Resource: `arn:aws:ssm:*:${t.accountId}:managed-instance/*`, Condition: { StringEquals: { 'aws:ResourceTag/Env': 'prod' } } }],
      });
      const operator = t.ssm(creds);
      const denied = await failure(operator.send(new DeregisterManagedInstanceCommand({ InstanceId: dev[1] })));
      assert.equal(denied.name, 'AccessDeniedException');
      assert.match(denied.message, new RegExp(`managed-instance/${dev[1]}`));
      await operator.send(new DeregisterManagedInstanceCommand({ InstanceId: prod[6] }));
    });

    it('deregistered nodes are Inactive and cannot be deregistered again; another region sees nothing', async () => {
      await ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: prod[5] }));
      const [node] = await all({ Filters: [{ Key: 'InstanceIds', Values: [prod[5]] }] });
      assert.equal(node.PingStatus, 'Inactive');
      assert.deepEqual((await all({ Filters: [{ Key: 'PingStatus', Values: ['Inactive'] }] })).map((n) => n.InstanceId).sort(), [prod[5], prod[6]].sort());
      assert.equal((await failure(ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: prod[5] })))).name, 'InvalidInstanceId');
      assert.equal((await failure(ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: 'mi-0123456789abcdef0' })))).name, 'InvalidInstanceId');
      assert.deepEqual((await t.ssm(undefined, 'eu-west-1').send(new DescribeInstanceInformationCommand({}))).InstanceInformationList, []);
    });

    it('changes a node role; a missing role is refused', async () => {
      await ssm.send(new UpdateManagedInstanceRoleCommand({ InstanceId: prod[0], IamRole: 'OtherRole' }));
      const [node] = await all({ Filters: [{ Key: 'InstanceIds', Values: [prod[0]] }] });
      assert.equal(node.IamRole, 'OtherRole');
      assert.equal((await failure(ssm.send(new UpdateManagedInstanceRoleCommand({ InstanceId: prod[0], IamRole: 'Ghost' })))).name, 'ValidationException');
      assert.equal((await failure(ssm.send(new UpdateManagedInstanceRoleCommand({ InstanceId: prod[5], IamRole: 'OtherRole' })))).name, 'InvalidInstanceId');
    });
  });
}
