/**
 * `bosun port-forward` as a user runs it, through a real TLS server and a real agent process to
 * a local TCP echo server: many connections at once, every byte intact, Ctrl-C ends the session.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DescribeSessionsCommand } from '@aws-sdk/client-ssm';
import { echoServer, echoThrough, sessionFixture, spawnBosun, waitFor, type Running, type SessionFixture } from './session-fixture';

describe('bosun port-forward', () => {
  let f: SessionFixture;
  let echo: { port: number; close(): void };
  before(async () => {
    f = await sessionFixture();
    echo = await echoServer();
  });
  after(async () => {
    echo?.close();
    await f?.stop();
  });

  async function forward(args: string[]): Promise<{ run: Running; port: number; sessionId: string }> {
    const run = spawnBosun(['port-forward', f.instanceId, ...args], f.env);
    const m = await waitFor('"Waiting for connections"', () => /Port (\d+) opened for sessionId (\S+)\.\nWaiting for connections\.\.\./.exec(run.stdout()) ?? (run.child.exitCode !== null ? undefined : false), 20_000)
      .catch((e) => { throw new Error(`${e.message}\nstdout: ${run.stdout()}\nstderr: ${run.stderr()}`); });
    return { run, port: Number(m![1]), sessionId: m![2] };
  }

  const history = (sessionId: string) =>
    waitFor(`${sessionId} in History`, async () => {
      const { Sessions } = await f.ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: sessionId }] }));
      return Sessions?.[0];
    });

  it('20 connections at once each move 10 MB to the echo server and back, SHA-256 equal; Ctrl-C ends the session', async () => {
    const { run, port, sessionId } = await forward(['--remote', String(echo.port), '--local', '0']);
    assert.match(run.stdout(), /^\nStarting session with SessionId: \S+\n/);
    const started = Date.now();
    const results = await echoThrough(port, 20, 10 * 1024 * 1024);
    console.log(`# bosun port-forward: 20 × 10 MB echoed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const r of results) {
      assert.equal(r.bytes, 10 * 1024 * 1024);
      assert.equal(r.got, r.sent);
    }
    assert.equal(run.stdout().match(/Connection accepted for session/g)?.length, 20);

    run.child.kill('SIGINT');
    assert.equal(await run.exited, 0, run.stderr());
    assert.match(run.stdout(), new RegExp(`Exiting session with sessionId: ${sessionId}\\.`));
    const s = await history(sessionId);
    assert.equal(s.Status, 'Terminated');
    assert.equal(s.DocumentName, 'AWS-StartPortForwardingSession');
  });

  it('--host reaches a host through the node (AWS-StartPortForwardingSessionToRemoteHost) on a given local port', async () => {
    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const localPort = (free.address() as net.AddressInfo).port;
    await new Promise((r) => free.close(r));
    const { run, port, sessionId } = await forward(['--remote', String(echo.port), '--host', 'localhost', '--local', String(localPort), '--reason', 'db']);
    assert.equal(port, localPort);
    const [r] = await echoThrough(port, 1, 100_000);
    assert.equal(r.got, r.sent);
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 0, run.stderr());
    const s = await history(sessionId);
    assert.equal(s.DocumentName, 'AWS-StartPortForwardingSessionToRemoteHost');
    assert.equal(s.Reason, 'db');
  });

  it('a destination the node refuses (cloud metadata) is reported and the connection closed', async () => {
    const { run } = await forward(['--remote', '80', '--host', '169.254.169.254']);
    await waitFor('the session to end', () => run.child.exitCode !== null || /Connection to destination port failed/.test(run.stdout()), 20_000);
    assert.match(run.stdout(), /Connection to destination port failed, check SSM Agent logs\./);
    if (run.child.exitCode === null) run.child.kill('SIGINT');
    await run.exited;
  });

  it('a local port already in use fails before any session is started', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const port = (busy.address() as net.AddressInfo).port;
      const run = spawnBosun(['port-forward', f.instanceId, '--remote', String(echo.port), '--local', String(port)], f.env);
      assert.equal(await run.exited, 2);
      assert.match(run.stderr(), /bosun port-forward: .*EADDRINUSE/);
      assert.doesNotMatch(run.stdout(), /Starting session/);
    } finally {
      busy.close();
    }
  });
});
