/**
 * Nodes that cannot take a command: a node of the wrong platform is Failed/InvalidPlatform
 * without ever getting the job (and does not count against MaxErrors); a node deregistered
 * after the send ends Failed/Undeliverable.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateDocumentCommand, DeregisterManagedInstanceCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand, ListCommandsCommand,
  SendCommandCommand, type Command,
} from '@aws-sdk/client-ssm';
import { Fleet, waitFor } from './testing/fleet';

describe('Run Command: nodes that cannot take the command', () => {
  let fleet: Fleet;
  before(async () => { fleet = await Fleet.start(); });
  after(async () => fleet?.close());

  const commandOf = async (id: string): Promise<Command> => (await fleet.ssm.send(new ListCommandsCommand({ CommandId: id }))).Commands![0];
  const finished = (id: string) => waitFor(`command ${id} to finish`, async () => {
    const c = await commandOf(id);
    return ['Pending', 'InProgress', 'Cancelling'].includes(c.Status!) ? undefined : c;
  });

  it('a Windows-only document on Linux nodes: InvalidPlatform, never sent, not counted against MaxErrors', async () => {
    await fleet.ssm.send(new CreateDocumentCommand({
      Name: 'WindowsOnly', DocumentType: 'Command',
      Content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', name: 'ps', inputs: { runCommand: ['dir'] } }] }),
    }));
    const nodes = await fleet.add(3, { env: 'linux' });
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({
      DocumentName: 'WindowsOnly', Targets: [{ Key: 'tag:env', Values: ['linux'] }], MaxErrors: '0', MaxConcurrency: '1',
    }));
    const done = await finished(sent!.CommandId!);
    const invs = (await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: sent!.CommandId! }))).CommandInvocations!;
    // Every node was judged (none Terminated): invalid platforms do not trip MaxErrors 0.
    assert.deepEqual(invs.map((i) => `${i.Status}/${i.StatusDetails}`), ['Failed/InvalidPlatform', 'Failed/InvalidPlatform', 'Failed/InvalidPlatform']);
    for (const n of nodes) assert.equal(n.jobs.length, 0, 'a wrong-platform node never gets the job');
    assert.deepEqual([done.Status, done.StatusDetails, done.ErrorCount, done.CompletedCount], ['Failed', 'Incomplete', 0, 3]);
  });

  it('a matching node next to a wrong-platform one still runs', async () => {
    const [linux, windows] = await fleet.add(2, { env: 'mixed' }, () => ({ stdout: 'ran\n' }));
    // The node reports its platform at registration; make this one a Windows node.
    await fleet.t.server.context.db.updateTable('managed_instances').set({ platform_type: 'Windows' }).where('instance_id', '=', windows.id).execute();
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:env', Values: ['mixed'] }], Parameters: { commands: ['echo ran'] },
    }));
    const done = await finished(sent!.CommandId!);
    const get = (id: string) => fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: id }));
    assert.equal((await get(linux.id)).StatusDetails, 'Success');
    assert.equal((await get(windows.id)).StatusDetails, 'InvalidPlatform');
    assert.equal(windows.jobs.length, 0);
    assert.deepEqual([done.Status, done.StatusDetails], ['Failed', 'Incomplete']);
  });

  it('a node deregistered after the send ends Undeliverable and never runs the job', async () => {
    const [node] = await fleet.add(1, { env: 'leaving' }, () => ({}), false);
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['true'] } }));
    await waitFor('Delayed', async () => {
      const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: node.id }));
      return inv.StatusDetails === 'Delayed' ? true : undefined;
    });
    await fleet.ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: node.id }));
    const done = await finished(sent!.CommandId!);
    const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: node.id }));
    assert.deepEqual([inv.Status, inv.StatusDetails], ['Failed', 'Undeliverable']);
    assert.deepEqual([done.Status, done.StatusDetails, done.ErrorCount], ['Failed', 'Incomplete', 0]);
    assert.equal(node.jobs.length, 0);
  });
});
