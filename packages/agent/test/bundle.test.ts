/**
 * The one-file build: `npm run build:agent` output, copied to a directory with no repository
 * and no node_modules, registers and comes online with plain `node`.
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

  it('is one self-contained file that registers and runs outside the repository', async () => {
    assert.deepEqual(fs.readdirSync(path.dirname(bundle)), ['bosun-agent.mjs']);
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
});
