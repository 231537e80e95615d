/**
 * AWS's own client against Bosun: Debian's `aws ssm start-session` (/usr/bin/aws) with the real,
 * unmodified session-manager-plugin, through a real TLS server to a real agent process. The
 * plugin is not in CI; without it these tests skip and say so.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { awsBin } from './processes';
import { echoServer, echoThrough, sessionFixture, waitFor, type SessionFixture } from './session-fixture';

const PLUGIN = '/usr/local/bin/session-manager-plugin';
const skip = fs.existsSync(PLUGIN) ? false : `${PLUGIN} is not installed (build it from github.com/aws/session-manager-plugin to run these tests)`;

describe('aws ssm start-session with the unmodified session-manager-plugin', { skip }, () => {
  let f: SessionFixture;
  before(async () => {
    f = await sessionFixture();
  });
  after(async () => {
    await f?.stop();
  });

  /** The aws CLI with the sandbox profile; the plugin (Go) trusts the server's CA through SSL_CERT_FILE. */
  function startSession(args: string[]) {
    const env = { ...f.env, SSL_CERT_FILE: f.server.tls.caFile, PATH: `/usr/local/bin:${process.env.PATH}` };
    const child = spawn(awsBin, ['--profile', 'bosun', '--endpoint-url', f.server.url, 'ssm', 'start-session', '--target', f.instanceId, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // AWS: the aws CLI ignores Ctrl-C while the plugin runs; a terminal sends it to the whole
    // process group, and so does this.
    const interrupt = () => process.kill(-child.pid!, 'SIGINT');
    return { child, output: () => out, exited, interrupt };
  }

  it('a shell: echo $((6*7)) prints 42, exit ends the session', async () => {
    const s = startSession([]);
    s.child.stdin!.write('echo "=$((6*7))="\n');
    await waitFor('42', () => /(^|\r)=42=\r?$/m.test(s.output()), 30_000).catch((e) => {
      throw new Error(`${e.message}\n${s.output()}`);
    });
    s.child.stdin!.write('exit 3\n');
    // AWS: the plugin itself exits 0 whatever the shell's exit code.
    assert.equal(await s.exited, 0, s.output());
    assert.match(s.output(), /Starting session with SessionId: \S+/);
    assert.match(s.output(), /Exiting session with sessionId: \S+\./);
  });

  // 1 MB each, not 10: the plugin moves about 0.5 MB/s through a port session here (bosun
  // port-forward several times that); see bench:sessions.
  it('AWS-StartPortForwardingSession: 20 connections at once each move 1 MB through the plugin, SHA-256 equal', async () => {
    const echo = await echoServer();
    const s = startSession(['--document-name', 'AWS-StartPortForwardingSession', '--parameters', `portNumber=${echo.port},localPortNumber=0`]);
    try {
      const opened = await waitFor('the local port', () => /Port (\d+) opened for sessionId/.exec(s.output()) ?? undefined, 30_000);
      const port = Number(opened[1]);
      await waitFor('Waiting for connections', () => s.output().includes('Waiting for connections'));
      const started = Date.now();
      // AWS: the plugin closes a stream whole when the local side ends it, so no half-close here.
      const results = await echoThrough(port, 20, 1024 * 1024, { halfClose: false });
      console.log(`# session-manager-plugin port forwarding: 20 × 1 MB echoed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const r of results) assert.equal(r.got, r.sent);
    } finally {
      s.interrupt();
      assert.equal(await s.exited, 0, s.output());
      assert.match(s.output(), /Exiting session with sessionId: \S+\./);
      echo.close();
    }
  });
});
