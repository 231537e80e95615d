/**
 * The agent channel with a client that speaks the real protocol, against a real server on
 * both engines: handshake, presence, credentials, and every way a connection is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateActivationCommand, DeregisterManagedInstanceCommand, DescribeInstanceInformationCommand, UpdateManagedInstanceRoleCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { CLOSE_CODES } from '@bosun/protocol/agent/messages';
import { resolveAccessKey } from '../iam/credentials';
import { setHeartbeatSeconds } from './presence';
import { startAgentTestServer, type AgentTestServer } from './testing/agent-test-server';
import { connectNode, newKeyPair, registerNode, signHello, TestChannel, type TestNode } from './testing/test-agent';

// One-second heartbeats: ConnectionLost after three silent seconds.
setHeartbeatSeconds(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`agent channel [${kind}]`, () => {
    let t: AgentTestServer;
    let ssm: SSMClient;
    let activation: { id: string; code: string };
    const node = async (): Promise<TestNode> => registerNode(t.url, activation.id, activation.code);
    const info = async (id: string) => (await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [id] }] }))).InstanceInformationList![0];
    /** A refused handshake: the refusal frame and the close that follows it. */
    const refusedFor = async (channel: TestChannel) => ({ refused: await channel.next('refused'), closed: await channel.whenClosed() });

    before(async () => {
      t = await startAgentTestServer(kind);
      ssm = t.ssm();
      await t.createNodeRole('BosunNodeRole');
      await t.createNodeRole('SecondRole');
      const out = await ssm.send(new CreateActivationCommand({ IamRole: 'BosunNodeRole', RegistrationLimit: 50 }));
      activation = { id: out.ActivationId!, code: out.ActivationCode! };
    });
    after(async () => t.close());

    it('welcomes a node with role credentials; the node is Online with its facts', async () => {
      const n = await node();
      const { channel, welcome } = await connectNode(t.url, n);
      assert.equal(welcome.instanceId, n.instanceId);
      assert.equal(welcome.heartbeatSeconds, 1);
      assert.match(welcome.credentials!.accessKeyId, /^ASIA/);
      assert.ok(Date.parse(welcome.credentials!.expiration) > Date.now() + 50 * 60_000);
      assert.equal(t.hub.isOnline(n.instanceId), true);
      const shown = await info(n.instanceId);
      assert.equal(shown.PingStatus, 'Online');
      assert.equal(shown.IPAddress, '192.0.2.10');
      assert.ok(Math.abs(shown.LastPingDateTime!.getTime() - Date.now()) < 5000);
      // The credentials stand for the role session assumed-role/BosunNodeRole/<mi-id>, with the role's policies.
      const c = welcome.credentials!;
      const resolved = await resolveAccessKey(t.context.db, t.context.secrets, c.accessKeyId, new Date(), c.sessionToken);
      assert.ok(resolved && 'principal' in resolved);
      assert.equal(resolved.principal.arn, `arn:aws:sts::${t.accountId}:assumed-role/BosunNodeRole/${n.instanceId}`);
      assert.equal(resolved.secretAccessKey, c.secretAccessKey);
      assert.ok(JSON.stringify(resolved.principal.policies).includes('ssm:UpdateInstanceInformation'));
      channel.close();
    });

    it('a node calls the front door with its role credentials, held to the role policies', async () => {
      const n = await node();
      const { channel, welcome } = await connectNode(t.url, n);
      const c = welcome.credentials!;
      const asNode = t.ssm({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken });
      try {
        await assert.rejects(asNode.send(new DescribeInstanceInformationCommand({})), (e: Error) => {
          assert.equal(e.name, 'AccessDeniedException');
          assert.match(e.message, new RegExp(`assumed-role/BosunNodeRole/${n.instanceId}`));
          return true;
        });
      } finally {
        channel.close();
      }
    });

    it('heartbeats move LastPingDateTime; facts update the node; silence makes it ConnectionLost and drops the socket', async () => {
      const n = await node();
      const { channel } = await connectNode(t.url, n);
      const first = (await info(n.instanceId)).LastPingDateTime!.getTime();
      await sleep(1100);
      channel.send({ type: 'heartbeat', sentAt: new Date().toISOString() });
      await channel.next('heartbeat');
      assert.ok((await info(n.instanceId)).LastPingDateTime!.getTime() > first);
      channel.send({ type: 'facts', facts: { platformType: 'Linux', platformName: 'Ubuntu', platformVersion: '24.04', ipAddress: '198.51.100.7', computerName: 'renamed', agentVersion: '0.2.0' } });
      await sleep(300);
      const updated = await info(n.instanceId);
      assert.equal(updated.ComputerName, 'renamed');
      assert.equal(updated.AgentVersion, '0.2.0');
      assert.equal(updated.PlatformName, 'Ubuntu');
      // No more heartbeats: after three intervals the node is ConnectionLost and its socket closed.
      const closed = await channel.whenClosed(6000);
      assert.equal(closed.code, 4408);
      assert.equal((await info(n.instanceId)).PingStatus, 'ConnectionLost');
      assert.equal(t.hub.isOnline(n.instanceId), false);
    });

    it('a closed socket is ConnectionLost at once', async () => {
      const n = await node();
      const { channel } = await connectNode(t.url, n);
      channel.close();
      await channel.whenClosed();
      await sleep(200);
      assert.equal((await info(n.instanceId)).PingStatus, 'ConnectionLost');
    });

    it('the hub API: send a job, hear the result, one channel per node', async () => {
      const n = await node();
      const { channel } = await connectNode(t.url, n);
      const results: unknown[] = [];
      const off = t.hub.onMessage('job-result', (id, m) => { results.push([id, m.jobId, m.result]); });
      assert.equal(t.hub.send(n.instanceId, { type: 'job', jobId: 'j-1', kind: 'echo', payload: { text: 'hi' } }), true);
      const job = await channel.next('job');
      assert.deepEqual(job.payload, { text: 'hi' });
      channel.send({ type: 'job-result', jobId: 'j-1', result: { ok: true } });
      await sleep(200);
      assert.deepEqual(results, [[n.instanceId, 'j-1', { ok: true }]]);
      off();
      assert.equal(t.hub.send('mi-0123456789abcdef0', { type: 'job-cancel', jobId: 'x' }), false);
      // Reconnecting replaces the old channel.
      const again = await connectNode(t.url, n);
      assert.equal((await channel.whenClosed()).code, 4409);
      assert.equal(t.hub.isOnline(n.instanceId), true);
      again.channel.close();
    });

    it('a role change reaches a connected node at once as fresh credentials of the new role', async () => {
      const n = await node();
      const { channel, welcome } = await connectNode(t.url, n);
      await ssm.send(new UpdateManagedInstanceRoleCommand({ InstanceId: n.instanceId, IamRole: 'SecondRole' }));
      const { credentials } = await channel.next('credentials');
      const resolved = await resolveAccessKey(t.context.db, t.context.secrets, credentials.accessKeyId, new Date(), credentials.sessionToken);
      assert.ok(resolved && 'principal' in resolved);
      assert.equal(resolved.principal.arn, `arn:aws:sts::${t.accountId}:assumed-role/SecondRole/${n.instanceId}`);
      const old = welcome.credentials!;
      assert.equal(await resolveAccessKey(t.context.db, t.context.secrets, old.accessKeyId, new Date(), old.sessionToken), undefined, 'the old role session is over');
      channel.close();
    });

    it('deregistering closes the open channel at once and refuses the node afterwards', async () => {
      const n = await node();
      const { channel, welcome } = await connectNode(t.url, n);
      await ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: n.instanceId }));
      const c = welcome.credentials!;
      assert.equal(await resolveAccessKey(t.context.db, t.context.secrets, c.accessKeyId, new Date(), c.sessionToken), undefined, 'its credentials are revoked');
      const { refused, closed } = await refusedFor(channel);
      assert.equal(refused.code, 'Deregistered');
      assert.equal(refused.retry, false);
      assert.equal(closed.code, CLOSE_CODES.refusedPermanently);
      const retry = await TestChannel.open(t.url);
      retry.send(signHello(n, (await retry.next('challenge')).nonce));
      const second = await refusedFor(retry);
      assert.equal(second.refused.code, 'Deregistered');
      assert.equal(second.closed.code, CLOSE_CODES.refusedPermanently);
      assert.equal((await info(n.instanceId)).PingStatus, 'Inactive');
    });

    it("refuses another node's id, a stolen id without its key, a replayed hello, a stale one and unknown ids", async () => {
      const a = await node();
      const b = await node();
      // b claims to be a, signing with its own key.
      const impostor = await TestChannel.open(t.url);
      impostor.send(signHello({ instanceId: a.instanceId, privateKey: b.privateKey }, (await impostor.next('challenge')).nonce));
      const r1 = await refusedFor(impostor);
      assert.equal(r1.refused.code, 'BadSignature');
      assert.equal(r1.closed.code, CLOSE_CODES.handshakeFailed);
      // Someone who copied a's id (the registration) but not its private key.
      const thief = await TestChannel.open(t.url);
      thief.send(signHello({ instanceId: a.instanceId, privateKey: newKeyPair().privateKey }, (await thief.next('challenge')).nonce));
      assert.equal((await refusedFor(thief)).refused.code, 'BadSignature');
      // A recorded hello replayed on a new connection.
      const honest = await TestChannel.open(t.url);
      const hello = signHello(a, (await honest.next('challenge')).nonce);
      honest.send(hello);
      await honest.next('welcome');
      const replay = await TestChannel.open(t.url);
      await replay.next('challenge');
      replay.send(hello);
      const r3 = await refusedFor(replay);
      assert.equal(r3.refused.code, 'ReplayedHandshake');
      assert.equal(t.hub.isOnline(a.instanceId), true, 'the honest channel stays');
      // A correctly signed hello with a timestamp ten minutes old.
      const stale = await TestChannel.open(t.url);
      stale.send(signHello(b, (await stale.next('challenge')).nonce, new Date(Date.now() - 600_000).toISOString()));
      assert.equal((await refusedFor(stale)).refused.code, 'ReplayedHandshake');
      // An id the server never issued.
      const ghost = await TestChannel.open(t.url);
      ghost.send(signHello({ instanceId: 'mi-0123456789abcdef0', privateKey: b.privateKey }, (await ghost.next('challenge')).nonce));
      const r5 = await refusedFor(ghost);
      assert.equal(r5.refused.code, 'InvalidInstanceId');
      assert.equal(r5.closed.code, CLOSE_CODES.refusedPermanently);
      // Anything but a hello first.
      const rude = await TestChannel.open(t.url);
      await rude.next('challenge');
      rude.send({ type: 'heartbeat', sentAt: new Date().toISOString() });
      assert.equal((await refusedFor(rude)).refused.code, 'ProtocolError');
      honest.close();
    });
  });
}
