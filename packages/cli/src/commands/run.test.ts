/**
 * The real `bosun run` against a full server whose nodes speak the agent protocol: live output
 * prefixed by node, progress, the summary table, and exit status 1 when a node fails.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Fleet, type FakeNode } from '../../../server/src/features/commands/testing/fleet';
import { bosunBin, sandbox } from '../../test/processes';
import { parseParameters, parseTarget } from './run';

function bosun(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bosunBin, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('bosun run', () => {
  let fleet: Fleet;
  let nodes: FakeNode[];
  const box = sandbox();
  before(async () => {
    fleet = await Fleet.start();
    nodes = await fleet.add(3, { env: 'prod' }, (job) => {
      const script = String((job.steps[0].inputs.runCommand as string[])[0]);
      const bad = job.instanceId === nodes[2].id && script.includes('fail-one');
      return bad ? { status: 'Failed', exitCode: 2, stdout: 'broken\n' } : { stdout: `up 3 days (${script})\nline two\n`, delayMs: 100 };
    });
    fs.mkdirSync(path.join(box.dir, '.aws'), { recursive: true });
    fs.writeFileSync(box.env.AWS_SHARED_CREDENTIALS_FILE!, `[bosun]\naws_access_key_id = ${fleet.t.admin.accessKeyId}\naws_secret_access_key = ${fleet.t.admin.secretAccessKey}\n`);
    fs.writeFileSync(box.env.AWS_CONFIG_FILE!, `[profile bosun]\nregion = us-east-1\nendpoint_url = ${fleet.t.url}\n`);
  });
  after(async () => {
    await fleet?.close();
    box.cleanup();
  });

  it('runs on the tagged nodes: output prefixed by node, progress, summary, exit 0', async () => {
    const r = await bosun(['run', '--targets', 'tag:env=prod', '--max-concurrency', '50%', '--', 'uptime'], box.env);
    assert.equal(r.code, 0, r.err);
    for (const n of nodes) {
      assert.match(r.out, new RegExp(`^${n.id} \\| up 3 days \\(uptime\\)$`, 'm'));
      assert.match(r.out, new RegExp(`^${n.id} \\| line two$`, 'm'));
      assert.match(r.out, new RegExp(`^${n.id}\\s+Success\\s+Success$`, 'm'));
    }
    assert.match(r.out, /^INSTANCE\s+STATUS\s+DETAILS$/m);
    assert.match(r.err, /\] 3\/3 done, 0 failed, 0 pending/);
    assert.match(r.err, /: Success \(Success\)/);
  });

  it('exits 1 when a node fails, and says which', async () => {
    const r = await bosun(['run', '--targets', 'tag:env=prod', '--max-errors', '1', '--', 'fail-one'], box.env);
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`^${nodes[2].id}\\s+Failed\\s+Failed$`, 'm'));
    assert.match(r.err, /3\/3 done, 1 failed/);
  });

  it('explains a missing target or command', async () => {
    const r = await bosun(['run', '--', 'uptime'], box.env);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /--targets/);
  });

  it('reads targets and parameters like the aws CLI', () => {
    assert.deepEqual(parseTarget('tag:env=prod,stage'), { Key: 'tag:env', Values: ['prod', 'stage'] });
    assert.deepEqual(parseParameters(['workingDirectory=/tmp', 'commands=a', 'commands=b']), { workingDirectory: ['/tmp'], commands: ['a', 'b'] });
    assert.deepEqual(parseParameters([], ['echo', 'hi']), { commands: ['echo hi'] });
  });
});
