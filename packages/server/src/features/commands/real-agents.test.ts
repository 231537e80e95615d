/**
 * Real bosun-agent processes (ten of them) against a real server, driven by the real aws CLI:
 * send-command to a tag reaches every node and get-command-invocation returns each node's own
 * stdout; cancel kills a running `sleep`; executionTimeout ends a step as TimedOut.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CreateActivationCommand } from '@aws-sdk/client-ssm';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from '../../../../agent/test/agent-process';
import { Fleet, waitFor } from './testing/fleet';

const run = promisify(execFile);
const NODES = 10;

describe('Run Command on real agents through the aws CLI', () => {
  let fleet: Fleet;
  const agents: AgentProcess[] = [];
  const ids: string[] = [];
  let aws: (args: string[]) => Promise<any>;

  before(async () => {
    fleet = await Fleet.start();
    const env = {
      ...process.env, AWS_ACCESS_KEY_ID: fleet.t.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: fleet.t.admin.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    aws = async (args) => JSON.parse((await run('aws', ['ssm', ...args, '--endpoint-url', fleet.t.url, '--output', 'json'], { env })).stdout || '{}');
    const { ActivationId, ActivationCode } = await fleet.ssm.send(new CreateActivationCommand({ IamRole: 'FleetRole', RegistrationLimit: NODES, Tags: [{ Key: 'fleet', Value: 'real' }] }));
    await Promise.all(Array.from({ length: NODES }, async () => {
      const dir = tempStateDir();
      const r = await agentCommand(['register', '--url', fleet.t.url, '--activation-id', ActivationId!, '--activation-code', ActivationCode!, '--state-dir', dir]);
      assert.equal(r.status, 0, r.stderr);
      ids.push(/registered as (mi-[0-9a-f]{17})/.exec(r.stdout)![1]);
      agents.push(runAgentProcess(dir));
    }));
    await waitFor('all agents connected', async () => (ids.every((id) => fleet.t.server.agents.isOnline(id)) ? true : undefined), 30_000);
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await fleet?.close();
  });

  const finished = (commandId: string) => waitFor('the command to finish', async () => {
    const { Commands } = await aws(['list-commands', '--command-id', commandId]);
    return ['Pending', 'InProgress', 'Cancelling'].includes(Commands[0].Status) ? undefined : Commands[0];
  }, 30_000);

  it('send-command to a tag: every node runs it and get-command-invocation returns its own stdout', async () => {
    const { Command } = await aws(['send-command', '--document-name', 'AWS-RunShellScript', '--targets', 'Key=tag:fleet,Values=real',
      '--parameters', JSON.stringify({ commands: ['echo "hello from $AWS_SSM_INSTANCE_ID"', 'echo oops >&2'] }), '--max-concurrency', '50%']);
    assert.equal(Command.TargetCount, NODES);
    const done = await finished(Command.CommandId);
    assert.equal(done.Status, 'Success');
    for (const id of ids) {
      const inv = await aws(['get-command-invocation', '--command-id', Command.CommandId, '--instance-id', id]);
      assert.equal(inv.Status, 'Success');
      assert.equal(inv.StandardOutputContent, `hello from ${id}\n`);
      assert.equal(inv.StandardErrorContent, 'oops\n');
      assert.equal(inv.ResponseCode, 0);
    }
  });

  it('cancel-command kills a running sleep on the node', async () => {
    const { Command } = await aws(['send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', ids[0],
      '--parameters', JSON.stringify({ commands: ['echo started', 'sleep 600'] })]);
    await waitFor('the sleep to start', async () => {
      const inv = await aws(['get-command-invocation', '--command-id', Command.CommandId, '--instance-id', ids[0]]);
      return inv.StandardOutputContent === 'started\n' ? true : undefined;
    }, 15_000);
    const started = Date.now();
    await aws(['cancel-command', '--command-id', Command.CommandId]);
    const done = await finished(Command.CommandId);
    assert.equal(done.Status, 'Cancelled');
    assert.ok(Date.now() - started < 10_000);
    const { stdout } = await run('pgrep', ['-f', 'sleep 600']).catch(() => ({ stdout: '' }));
    assert.equal(stdout.trim(), '', 'no sleep left running');
  });

  it('executionTimeout ends the step: TimedOut / ExecutionTimedOut', async () => {
    const { Command } = await aws(['send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', ids[1],
      '--parameters', JSON.stringify({ commands: ['sleep 30'], executionTimeout: ['2'] })]);
    const done = await finished(Command.CommandId);
    assert.deepEqual([done.Status, done.StatusDetails], ['TimedOut', 'ExecutionTimedOut']);
    const inv = await aws(['get-command-invocation', '--command-id', Command.CommandId, '--instance-id', ids[1]]);
    assert.deepEqual([inv.Status, inv.StatusDetails], ['TimedOut', 'ExecutionTimedOut']);
  });
});
