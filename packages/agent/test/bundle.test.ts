/**
 * The one-file build: `npm run build:agent` output, in a directory with no repository, registers
 * and comes online with plain `node`; node-pty (native, for terminal sessions) sits beside it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

describe('the bundled agent', () => {
  const server = new FakeServer();
  const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-agent-bundle-')), 'bosun-agent.mjs');
  let agent: AgentProcess | undefined;

  before(async () => {
    execFileSync(process.execPath, [path.join(repo, 'scripts/build-agent.mjs'), bundle], { cwd: repo, stdio: 'pipe' });
    await server.start();
  });
  after(async () => {
    await agent?.stop();
    await server.stop();
  });

  it('is one file (plus node-pty beside it) that registers and runs outside the repository', async () => {
    assert.deepEqual(fs.readdirSync(path.dirname(bundle)).sort(), ['bosun-agent.mjs', 'node_modules']);
    assert.deepEqual(fs.readdirSync(path.join(path.dirname(bundle), 'node_modules')), ['node-pty']);
    const version = execFileSync(process.execPath, [bundle, 'version'], { cwd: os.tmpdir(), encoding: 'utf8' });
    assert.equal(version.trim(), '0.1.0');
    const activation = server.addActivation();
    const dir = tempStateDir();
    const result = await agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', dir], {}, bundle);
    assert.equal(result.status, 0, result.stderr);
    const id = /registered as (mi-\w+)/.exec(result.stdout)![1];
    agent = runAgentProcess(dir, [], bundle);
    await waitFor('the bundled agent online', () => server.online().includes(id));
  });

  it('loads the node-pty copied beside it and runs a program in a terminal', () => {
    // the agent resolves node-pty from the bundle's own location, as this does
    const script = `import { createRequire } from 'node:module';
      const pty = createRequire(${JSON.stringify(bundle)})('node-pty');
      const p = pty.spawn('/bin/sh', ['-c', 'stty size; echo pty-$((6*7))'], { cols: 91, rows: 17 });
      let out = ''; p.onData((d) => (out += d)); p.onExit(() => process.stdout.write(out));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: os.tmpdir(), encoding: 'utf8' });
    assert.match(out, /17 91/);
    assert.match(out, /pty-42/);
  });
});
