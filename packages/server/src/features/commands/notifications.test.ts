/**
 * NotificationConfig end to end: a webhook subscription that selects one notification ARN gets,
 * on a real local HTTP receiver, exactly the notifications the command asked for — AWS's message
 * fields, signed by Bosun — and nothing for another ARN or unrequested statuses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListCommandsCommand, SendCommandCommand, type Command } from '@aws-sdk/client-ssm';
import { signedFetch } from '../../../test/server-harness';
import { startReceiver, type Receiver } from '../../events/test-receiver';
import { verifyDelivery } from '../../events/index';
import { Fleet, waitFor } from './testing/fleet';
import { NOTIFICATION_DETAIL_TYPE } from './notifications';

describe('Run Command NotificationConfig → webhook subscriptions', () => {
  let fleet: Fleet;
  let receiver: Receiver;
  let secret: string;
  let topic: string;
  before(async () => {
    fleet = await Fleet.start();
    receiver = await startReceiver();
    topic = `arn:aws:sns:us-east-1:${fleet.t.admin.accountId}:ops-alerts`;
    const created = await signedFetch({
      url: fleet.t.url, credentials: fleet.t.admin, service: 'bosun', target: 'BosunEvents_20261101.CreateEventSubscription',
      body: JSON.stringify({
        Name: 'run-command-alerts', Url: receiver.url,
        EventPattern: JSON.stringify({ 'detail-type': [NOTIFICATION_DETAIL_TYPE], detail: { notificationArn: [topic] } }),
      }),
    });
    assert.equal(created.status, 200, created.text);
    secret = created.json().SigningSecret;
  });
  after(async () => { await fleet?.close(); await receiver?.close(); });

  const finished = (id: string) => waitFor(`command ${id} to finish`, async () => {
    const c: Command = (await fleet.ssm.send(new ListCommandsCommand({ CommandId: id }))).Commands![0];
    return ['Pending', 'InProgress', 'Cancelling'].includes(c.Status!) ? undefined : c;
  });
  const bodiesFor = (commandId: string) => receiver.received.map((r) => JSON.parse(r.body)).filter((e) => e.detail.commandId === commandId);

  it('Invocation notifications for Success and Failed only, one per node, with AWS\'s fields', async () => {
    const nodes = await fleet.add(2, { env: 'notify' }, (job) => (job.instanceId === failing ? { status: 'Failed', exitCode: 2 } : {}));
    const failing = nodes[1].id;
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:env', Values: ['notify'] }], Parameters: { commands: ['true'] }, MaxErrors: '1',
      NotificationConfig: { NotificationArn: topic, NotificationEvents: ['Success', 'Failed'], NotificationType: 'Invocation' },
    }));
    const commandId = sent!.CommandId!;
    assert.equal(sent!.NotificationConfig?.NotificationArn, topic);
    await finished(commandId);
    await waitFor('two notifications', async () => (bodiesFor(commandId).length >= 2 ? true : undefined), 15_000);
    await new Promise((r) => setTimeout(r, 1500)); // one more delivery round: nothing else may arrive
    const got = bodiesFor(commandId);
    assert.equal(got.length, 2, 'InProgress is not asked for');
    const byNode = Object.fromEntries(got.map((e) => [e.detail.instanceId, e]));
    assert.equal(byNode[nodes[0].id].detail.status, 'Success');
    assert.equal(byNode[failing].detail.status, 'Failed');
    const d = byNode[nodes[0].id].detail;
    assert.deepEqual(
      [d.commandId, d.documentName, d.requestedDateTime, d.expiresAfter, d.notificationArn, d.notificationType],
      [commandId, 'AWS-RunShellScript', sent!.RequestedDateTime!.toISOString(), sent!.ExpiresAfter!.toISOString(), topic, 'Invocation'],
    );
    assert.ok(Date.parse(d.eventTime) >= Date.parse(d.requestedDateTime));
    assert.deepEqual(byNode[nodes[0].id].resources, [topic]);
    const delivery = receiver.received.find((r) => JSON.parse(r.body).detail.commandId === commandId)!;
    assert.ok(verifyDelivery(secret, { signature: delivery.headers['x-bosun-signature'] as string, timestamp: delivery.headers['x-bosun-timestamp'] as string }, delivery.body));
  });

  it('Command notifications (the default type) for every change; another topic is not delivered here', async () => {
    const [node] = await fleet.add(1, { env: 'summary' });
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['true'] },
      NotificationConfig: { NotificationArn: topic, NotificationEvents: ['All'] },
    }));
    const { Command: elsewhere } = await fleet.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['true'] },
      NotificationConfig: { NotificationArn: `${topic}-other`, NotificationEvents: ['All'], NotificationType: 'Command' },
    }));
    await finished(sent!.CommandId!);
    await finished(elsewhere!.CommandId!);
    await waitFor('InProgress and Success', async () => (bodiesFor(sent!.CommandId!).length >= 2 ? true : undefined), 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    const got = bodiesFor(sent!.CommandId!).map((e) => e.detail);
    assert.deepEqual(got.map((d) => d.status).sort(), ['InProgress', 'Success']);
    assert.deepEqual(got[0].instanceIds, [node.id]);
    assert.equal(got[0].instanceId, undefined, 'a command summary names no single node');
    assert.equal(bodiesFor(elsewhere!.CommandId!).length, 0, 'the subscription selects its own topic only');
  });
});
