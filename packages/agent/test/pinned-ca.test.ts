/**
 * CA pinning with real TLS: the server's certificates come from the server's own `bosun init`
 * TLS code (private CA + leaf, chain leaf→CA). The agent trusts the pinned CA and nothing else.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureServerTls, type ServerTls } from '@bosun/server/tls/index';
import { agentCommand, runAgentProcess, tempStateDir, type AgentProcess } from './agent-process';
import { FakeServer, waitFor } from './fake-server';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-agent-tls-'));
const tlsOf = (t: ServerTls) => ({ key: fs.readFileSync(t.keyFile, 'utf8'), cert: fs.readFileSync(t.certFile, 'utf8') });

describe('the pinned CA', () => {
  let ours: ServerTls;
  let theirs: ServerTls;
  let server: FakeServer;
  const agents: AgentProcess[] = [];
  const register = (dir: string, ...pin: string[]) => {
    const activation = server.addActivation();
    return agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', dir, ...pin]);
  };

  before(async () => {
    ours = await ensureServerTls(tempDir(), { hostnames: [] });
    theirs = await ensureServerTls(tempDir(), { hostnames: [] });
    server = await new FakeServer({ tls: tlsOf(ours) }).start();
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await server.stop().catch(() => {});
  });

  it('registers with the CA fingerprint (as openssl prints it) and comes online over wss://', async () => {
    const dir = tempStateDir();
    const result = await register(dir, '--ca-fingerprint', `sha256 Fingerprint=${ours.caFingerprint}`);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8').trim(), fs.readFileSync(ours.caFile, 'utf8').trim());
    const agent = runAgentProcess(dir);
    agents.push(agent);
    const id = /registered as (mi-\w+)/.exec(result.stdout)![1];
    await waitFor('the node online over TLS', () => server.online().includes(id));
  });

  it('registers with the CA file', async () => {
    const result = await register(tempStateDir(), '--ca-file', ours.caFile);
    assert.equal(result.status, 0, result.stderr);
  });

  it('refuses a server that does not present the pinned fingerprint, and writes nothing', async () => {
    const dir = tempStateDir();
    const result = await register(dir, '--ca-fingerprint', theirs.caFingerprint);
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`did not present a certificate with fingerprint ${theirs.caFingerprint}`));
    assert.equal(fs.existsSync(path.join(dir, 'registration.json')), false);
  });

  it('refuses a server whose chain does not lead to the pinned CA file', async () => {
    const result = await register(tempStateDir(), '--ca-file', theirs.caFile);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot register with https:\/\/127\.0\.0\.1:\d+: .*certificate/);
    assert.match(result.stderr, /does not lead to the pinned CA/);
  });

  it('an https:// server without a pin is refused, and so is plain http:// off loopback', async () => {
    const unpinned = await register(tempStateDir());
    assert.equal(unpinned.status, 1);
    assert.match(unpinned.stderr, /needs its CA pinned: pass --ca-fingerprint/);
    const plain = await agentCommand(['register', '--url', 'http://192.0.2.1:7070', '--activation-id', 'x', '--activation-code', 'y', '--state-dir', tempStateDir()]);
    assert.equal(plain.status, 1);
    assert.match(plain.stderr, /refusing plain http:\/\/ to 192\.0\.2\.1/);
  });

  it('a registered agent will not talk to an impostor with another CA on the same address', async () => {
    const port = server.port;
    const nodes = [...server.nodes.keys()];
    await server.stop();
    const impostor = await new FakeServer({ tls: tlsOf(theirs) }).start(port);
    try {
      for (const id of nodes) impostor.nodes.set(id, { ...server.nodes.get(id)!, socket: undefined });
      await waitFor('the agent to reject the impostor certificate', () => /self[- ]signed certificate|unable to verify/i.test(agents[0].output()), 10_000);
      assert.deepEqual(impostor.online(), []);
    } finally {
      await impostor.stop();
    }
    await server.start(port);
    await waitFor('the node back online with the real server', () => server.online().length === 1, 20_000);
  });
});
