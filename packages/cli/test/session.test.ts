/**
 * `bosun session`, `bosun session list` and `bosun session replay` as a user runs them: a real
 * TLS `bosun server`, a real bosun-agent process, the CLI as a child process with the profile's
 * ca_bundle. Pipes for the scripted shell; a real pseudo-terminal (node-pty) for raw mode and
 * resize.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeSessionsCommand } from '@aws-sdk/client-ssm';
import * as pty from 'node-pty';
import { bosunBin } from './processes';
import { sessionFixture, spawnBosun, waitFor, type SessionFixture } from './session-fixture';

describe('bosun session', () => {
  let f: SessionFixture;
  before(async () => {
    f = await sessionFixture();
  });
  after(async () => {
    await f?.stop();
  });

  const history = (sessionId: string) =>
    waitFor(`${sessionId} in History`, async () => {
      const { Sessions } = await f.ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: sessionId }] }));
      return Sessions?.[0];
    });

  let scriptedSessionId = '';

  it('scripted through pipes: runs echo $((6*7)), prints 42, and exits with the shell\'s exit code', async () => {
    const run = spawnBosun(['session', f.instanceId, '--reason', 'cli test'], f.env);
    run.child.stdin!.write('echo "=$((6*7))="\n');
    await waitFor('42 on stdout', () => /(^|\r)=42=\r?$/m.test(run.stdout()), 20_000).catch((e) => {
      throw new Error(`${e.message}\nstdout: ${run.stdout()}\nstderr: ${run.stderr()}`);
    });
    run.child.stdin!.write('exit 3\n');
    const status = await run.exited;
    assert.equal(status, 3, run.stderr());
    scriptedSessionId = /Starting session with SessionId: (\S+)/.exec(run.stderr())![1];
    assert.match(run.stderr(), new RegExp(`Exiting session with sessionId: ${scriptedSessionId}`));
    const s = await history(scriptedSessionId);
    assert.equal(s.Status, 'Terminated');
    assert.equal(s.Reason, 'cli test');
  });

  it('ends the remote shell at the end of piped input (exit status 0)', async () => {
    const run = spawnBosun(['session', f.instanceId], f.env);
    run.child.stdin!.end('echo piped-$((1+1))\n');
    const status = await run.exited;
    assert.match(run.stdout(), /(^|\r)piped-2\r?$/m);
    assert.equal(status, 0, run.stderr());
  });

  it('on a terminal: raw mode, the window size, a resize seen by stty size, and the terminal restored', async () => {
    // A shell around bosun, to look at the terminal after bosun is gone.
    const script = '"$0" "$1" session "$2"; echo "status=$?"; stty -a';
    const term = pty.spawn('/bin/sh', ['-c', script, process.execPath, bosunBin, f.instanceId], {
      name: 'xterm-256color', cols: 100, rows: 30, env: f.env as Record<string, string>,
    });
    let screen = '';
    term.onData((d) => (screen += d));
    const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    try {
      // Raw mode: the local terminal does not echo; the only echo is the remote shell's.
      term.write('stty size; echo "<$((6*7))>"\r');
      await waitFor('the first size', () => /(^|\r)30 100\r?$/m.test(screen) && /<42>/.test(screen), 20_000);
      term.resize(132, 43);
      await new Promise((r) => setTimeout(r, 200));
      term.write('stty size\r');
      await waitFor('the new size', () => /(^|\r)43 132\r?$/m.test(screen), 20_000);
      // Ctrl-C reaches the remote shell instead of killing bosun.
      term.write('sleep 30\r');
      await new Promise((r) => setTimeout(r, 300));
      term.write('\x03');
      term.write('echo after-interrupt\r');
      await waitFor('the shell alive after Ctrl-C', () => /(^|\r)after-interrupt\r?$/m.test(screen), 20_000);
      term.write('exit 7\r');
      await exited;
      const after = screen.slice(screen.lastIndexOf('status='));
      assert.match(after, /^status=7\r?$/m, screen);
      // Cooked again: canonical input and local echo, as before bosun started.
      assert.match(after, /(^|\s)icanon(\s|$)/m);
      assert.match(after, /(^|\s)echo(\s|$)/m);
    } catch (err) {
      term.kill();
      throw new Error(`${(err as Error).message}\nscreen:\n${screen}`);
    }
  });

  it('replays the recording with the same output, and lists the session', async () => {
    assert.ok(scriptedSessionId, 'the scripted session ran');
    const replay = spawnBosun(['session', 'replay', scriptedSessionId, '--no-wait'], f.env);
    assert.equal(await replay.exited, 0, replay.stderr());
    assert.match(replay.stdout(), /(^|\r)=42=\r?$/m);
    assert.match(replay.stdout(), /exit 3/);

    const timed = spawnBosun(['session', 'replay', scriptedSessionId, '--speed', '100'], f.env);
    assert.equal(await timed.exited, 0, timed.stderr());
    assert.equal(timed.stdout(), replay.stdout(), 'the timed replay prints the same bytes');

    const list = spawnBosun(['session', 'list', '--history'], f.env);
    assert.equal(await list.exited, 0, list.stderr());
    const row = list.stdout().split('\n').find((l) => l.startsWith(scriptedSessionId));
    assert.ok(row, list.stdout());
    assert.match(row, new RegExp(`${f.instanceId}\\s+Terminated`));
    assert.match(row, /cli test$/);
  });

  it('fails plainly for an unknown node, without a stack trace', async () => {
    const run = spawnBosun(['session', 'mi-00000000000000000'], f.env);
    assert.equal(await run.exited, 2);
    assert.match(run.stderr(), /^bosun session: \w+: .+/m);
    assert.doesNotMatch(run.stderr(), /\n\s+at /);
  });
});
