/**
 * The fan-out engine on a full server, with nodes that speak the real agent protocol and answer
 * as each test says: output reaches GetCommandInvocation and the blob links, rate control
 * starts at 1 and never exceeds MaxConcurrency, MaxErrors terminates the rest, cancel, delivery
 * timeout, and a node that was offline gets its job when it connects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CancelCommandCommand, CreateDocumentCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand, ListCommandsCommand, SendCommandCommand,
  type Command,
} from '@aws-sdk/client-ssm';
import { Fleet, waitFor } from './testing/fleet';

describe('Run Command fan-out', () => {
  let fleet: Fleet;
  before(async () => { fleet = await Fleet.start(); });
  after(async () => fleet?.close());

  const commandOf = async (id: string): Promise<Command> => (await fleet.ssm.send(new ListCommandsCommand({ CommandId: id }))).Commands![0];
  const finished = (id: string, timeoutMs = 10_000) => waitFor(`command ${id} to finish`, async () => {
    const c = await commandOf(id);
    return ['Pending', 'InProgress', 'Cancelling'].includes(c.Status!) ? undefined : c;
  }, timeoutMs);

  it('runs on every tagged node; GetCommandInvocation returns each node\'s output, the URL the full text', async () => {
    const nodes = await fleet.add(4, { env: 'web' }, (job) => ({ stdout: `hello from ${job.instanceId}\n`, stderr: 'warn\n' }));
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:env', Values: ['web'] }], Parameters: { commands: ['echo hello'] }, Comment: 'greet',
    }));
    assert.equal(sent!.Status, 'Pending');
    assert.equal(sent!.TargetCount, 4);
    const done = await finished(sent!.CommandId!);
    assert.deepEqual([done.Status, done.StatusDetails, done.CompletedCount, done.ErrorCount], ['Success', 'Success', 4, 0]);
    for (const n of nodes) {
      assert.deepEqual(n.jobs[0].steps[0].inputs.runCommand, ['echo hello']);
      const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: n.id }));
      assert.equal(inv.Status, 'Success');
      assert.equal(inv.StandardOutputContent, `hello from ${n.id}\n`);
      assert.equal(inv.StandardErrorContent, 'warn\n');
      assert.equal(inv.ResponseCode, 0);
      const body = await (await fetch(inv.StandardOutputUrl!)).text();
      assert.equal(body, `hello from ${n.id}\n`);
    }
    // The signature is base64url: change its first character to another one (a fixed 'x' left it
    // unchanged once in 64 runs).
    const forged = (await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: nodes[0].id }))).StandardOutputUrl!
      .replace(/Signature=(.)/, (_, c: string) => `Signature=${c === 'x' ? 'y' : 'x'}`);
    assert.equal((await fetch(forged)).status, 403);
    const listed = await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: sent!.CommandId!, Details: true }));
    assert.equal(listed.CommandInvocations!.length, 4);
    const plugin = listed.CommandInvocations![0].CommandPlugins![0];
    assert.match(plugin.Output!, /^hello from mi-[0-9a-f]{17}\n\n----------ERROR-------\nwarn\n$/);
  });

  it('each step of a two-step document has its own output; a one-step document\'s step output is the invocation\'s', async () => {
    await fleet.ssm.send(new CreateDocumentCommand({
      Name: 'TwoSteps', DocumentType: 'Command',
      Content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [
        { action: 'aws:runShellScript', name: 'first', inputs: { runCommand: ['echo one'] } },
        { action: 'aws:runShellScript', name: 'second', inputs: { runCommand: ['echo two'] } },
      ] }),
    }));
    const [node] = await fleet.add(1, { env: 'steps' }, (job) => (job.steps.length === 2 ? { stepStdout: { first: 'one\n', second: 'two\n' } } : { stdout: 'only\n' }));
    const two = (await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'TwoSteps', InstanceIds: [node.id] }))).Command!;
    await finished(two.CommandId!);
    const get = (commandId: string, PluginName?: string) => fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: node.id, PluginName }));
    assert.equal((await get(two.CommandId!)).StandardOutputContent, 'one\ntwo\n');
    for (const [step, text] of [['first', 'one\n'], ['second', 'two\n']]) {
      const inv = await get(two.CommandId!, step);
      assert.equal(inv.StandardOutputContent, text);
      assert.equal(await (await fetch(inv.StandardOutputUrl!)).text(), text);
    }
    const listed = (await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: two.CommandId!, Details: true }))).CommandInvocations![0];
    assert.deepEqual(listed.CommandPlugins!.map((p) => p.Output), ['one\n', 'two\n']);
    assert.equal(await (await fetch(listed.CommandPlugins![1].StandardOutputUrl!)).text(), 'two\n');

    const one = (await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['echo only'] } }))).Command!;
    await finished(one.CommandId!);
    const [plugin] = (await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: one.CommandId!, Details: true }))).CommandInvocations![0].CommandPlugins!;
    assert.equal(await (await fetch(plugin.StandardOutputUrl!)).text(), 'only\n');
    const step = await get(one.CommandId!, plugin.Name!);
    assert.equal(step.StandardOutputContent, 'only\n');
    assert.equal(await (await fetch(step.StandardOutputUrl!)).text(), 'only\n');
    assert.equal((await get(one.CommandId!)).StandardOutputContent, 'only\n');
  });

  it('output beyond 24,000 characters is cut in GetCommandInvocation and kept whole behind the URL', async () => {
    const big = 'x'.repeat(30_000);
    const [node] = await fleet.add(1, { env: 'big' }, () => ({ stdout: big }));
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['yes'] } }));
    await finished(sent!.CommandId!);
    const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: node.id }));
    assert.equal(inv.StandardOutputContent!.length, 24_000);
    assert.equal((await (await fetch(inv.StandardOutputUrl!)).text()).length, 30_000);
    const listed = await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: sent!.CommandId!, Details: true }));
    assert.equal(listed.CommandInvocations![0].CommandPlugins![0].Output!.length, 2500);
  });

  it('MaxConcurrency 2, MaxErrors 1: starts with one, never more than two, terminates the rest after the second failure', async () => {
    fleet.maxRunning = 0;
    fleet.startsAt.length = 0;
    let failing: string[] = [];
    const nodes = await fleet.add(6, { env: 'rate' }, (job) => failing.includes(job.instanceId)
      ? { status: 'Failed', exitCode: 3, delayMs: 150, stderr: 'boom\n' } : { delayMs: 150 });
    failing = [nodes[0].id, nodes[1].id];
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:env', Values: ['rate'] }], Parameters: { commands: ['false'] },
      MaxConcurrency: '2', MaxErrors: '1',
    }));
    const done = await finished(sent!.CommandId!);
    assert.equal(fleet.startsAt[0], 1, 'the first wave is one node');
    assert.equal(fleet.maxRunning, 2);
    const invs = (await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: sent!.CommandId! }))).CommandInvocations!;
    const detail = Object.fromEntries(invs.map((i) => [i.InstanceId, `${i.Status}/${i.StatusDetails}`]));
    assert.equal(detail[nodes[0].id], 'Failed/Failed');
    assert.equal(detail[nodes[1].id], 'Failed/Failed');
    assert.equal(detail[nodes[2].id], 'Success/Success', 'the one in flight finishes');
    for (const n of nodes.slice(3)) assert.equal(detail[n.id], 'Failed/Terminated');
    for (const n of nodes.slice(3)) assert.equal(n.jobs.length, 0, 'terminated nodes never got the job');
    assert.deepEqual([done.Status, done.StatusDetails, done.ErrorCount, done.CompletedCount, done.TargetCount], ['Failed', 'Failed', 2, 6, 6]);
  });

  it('CancelCommand stops a running invocation: Cancelling, then Cancelled', async () => {
    const [node] = await fleet.add(1, { env: 'cancel' }, () => ({ untilCancelled: true }));
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['sleep 600'] } }));
    await waitFor('the job to start', async () => (node.running > 0 ? true : undefined));
    await fleet.ssm.send(new CancelCommandCommand({ CommandId: sent!.CommandId! }));
    const done = await finished(sent!.CommandId!);
    assert.deepEqual([done.Status, done.StatusDetails], ['Cancelled', 'Cancelled']);
    const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: node.id }));
    assert.equal(inv.Status, 'Cancelled');
  });

  it('a node offline at send time is Delayed, then gets the job when it connects', async () => {
    const [node] = await fleet.add(1, { env: 'late' }, () => ({ stdout: 'late but here\n' }), false);
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['true'] } }));
    await waitFor('Delayed', async () => {
      const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: node.id }));
      return inv.Status === 'Delayed' ? true : undefined;
    });
    await node.connect();
    const done = await finished(sent!.CommandId!);
    assert.equal(done.Status, 'Success');
    const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: sent!.CommandId!, InstanceId: node.id }));
    assert.equal(inv.StandardOutputContent, 'late but here\n');
  });

  it('past its delivery timeout an undelivered invocation is DeliveryTimedOut and the node never runs it', async () => {
    const [node] = await fleet.add(1, { env: 'gone' }, () => ({}), false);
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [node.id], Parameters: { commands: ['true'] }, TimeoutSeconds: 30 }));
    assert.equal(sent!.TimeoutSeconds, 30);
    // Move the command's clock instead of waiting 30 s: its expiry is now in the past.
    await fleet.t.server.context.db.updateTable('commands').set({ expires_after: new Date(Date.now() - 1000).toISOString() })
      .where('command_id', '=', sent!.CommandId!).execute();
    const done = await finished(sent!.CommandId!);
    assert.deepEqual([done.Status, done.StatusDetails, done.DeliveryTimedOutCount, done.ErrorCount], ['TimedOut', 'DeliveryTimedOut', 1, 0]);
    await node.connect();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(node.jobs.length, 0);
  });

  it('a tag that matches no node: Success with NoInstancesInTag', async () => {
    const { Command: sent } = await fleet.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:env', Values: ['nowhere'] }], Parameters: { commands: ['true'] } }));
    assert.deepEqual([sent!.Status, sent!.StatusDetails, sent!.TargetCount], ['Success', 'NoInstancesInTag', 0]);
  });
});
