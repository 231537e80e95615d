import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { describe, it } from 'node:test';
import { launchAs, loginShell, shellCommand } from './launch';
import { spawnPiped } from './pipe-process';
import { spawnPty } from './pty-process';
import type { SessionProcess } from './session-process';
import { lookupUser } from './session-user';

async function me() {
  const user = await lookupUser(os.userInfo().username);
  assert.ok(user);
  return user;
}

/** Collects a process's output and resolves when `pattern` shows up in it. */
function watch(proc: SessionProcess) {
  let text = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  proc.onData((chunk) => {
    text += Buffer.from(chunk).toString('utf8');
    for (const w of [...waiters]) {
      const m = text.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exit = new Promise<number>((resolve) => proc.onExit(resolve));
  return {
    text: () => text,
    exit,
    waitFor: (pattern: RegExp) => {
      const m = text.match(pattern);
      return m ? Promise.resolve(m) : new Promise<RegExpMatchArray>((resolve) => waiters.push({ pattern, resolve }));
    },
  };
}

/** Running, not a zombie waiting for its parent to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('session processes', () => {
  it('a terminal shell sees its size change and reports its exit code', async () => {
    const user = await me();
    const proc = spawnPty(launchAs(user, loginShell(user)), { cols: 80, rows: 24 });
    const out = watch(proc);
    proc.write('stty size; echo "TERM=$TERM HOME=$HOME USER=$USER"; echo ready-$((6*7))\n');
    await out.waitFor(/ready-42/);
    assert.match(out.text(), /24 80/);
    assert.match(out.text(), new RegExp(`TERM=xterm-256color HOME=${user.home} USER=${user.name}`));
    proc.resize(132, 43);
    proc.write('stty size\n');
    await out.waitFor(/43 132/);
    proc.write('exit 7\n');
    assert.equal(await out.exit, 7);
  });

  it('a paste larger than the terminal takes at once arrives whole and in order', async () => {
    const user = await me();
    const proc = spawnPty(launchAs(user, loginShell(user)), { cols: 80, rows: 24 });
    const out = watch(proc);
    const total = 300_000;
    proc.write(`stty raw -echo; echo go; head -c ${total} | sha256sum; exit\n`);
    await out.waitFor(/go\r?\n/);
    const chunks: Buffer[] = [];
    for (let i = 0; i < total / 1000; i++) chunks.push(Buffer.alloc(1000, 97 + (i % 26)));
    for (const chunk of chunks) proc.write(chunk); // many writes in one tick: most find the terminal full
    const { createHash } = await import('node:crypto');
    await out.waitFor(new RegExp(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')));
    await out.exit;
  });

  it('terminate ends the shell and the jobs it started in the background', async () => {
    const user = await me();
    const proc = spawnPty(launchAs(user, loginShell(user)), { cols: 80, rows: 24 });
    const out = watch(proc);
    // a job that ignores SIGHUP, in a process group of its own (set -m), must still go
    proc.write('set -m; sh -c \'trap "" HUP; sleep 1000\' & echo "job=$!"\n');
    const job = Number((await out.waitFor(/job=(\d+)/))[1]);
    assert.ok(alive(job));
    proc.terminate();
    const code = await out.exit;
    assert.ok(code >= 128, `killed by a signal, got ${code}`);
    for (let i = 0; i < 200 && alive(job); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(alive(job), false, 'the background job was killed');
  });

  it('commands without a terminal stream stdout and stderr apart and report the exit code', async () => {
    const user = await me();
    const proc = spawnPiped(launchAs(user, shellCommand('echo out; echo err >&2; exit 3')));
    const chunks: string[] = [];
    proc.onData((chunk, stream) => chunks.push(`${stream}:${Buffer.from(chunk).toString().trim()}`));
    const code = await new Promise<number>((resolve) => proc.onExit(resolve));
    assert.equal(code, 3);
    assert.deepEqual(chunks.sort(), ['stderr:err', 'stdout:out']);
  });

  it('starts in the user home with that user\'s environment, not the agent\'s', async () => {
    const user = await me();
    process.env.BOSUN_SECRET_TEST = 'leak';
    const proc = spawnPiped(launchAs(user, shellCommand('pwd; echo "secret=${BOSUN_SECRET_TEST:-none}"')));
    const out = watch(proc);
    await out.exit;
    delete process.env.BOSUN_SECRET_TEST;
    assert.equal(out.text(), `${fs.existsSync(user.home) ? fs.realpathSync(user.home) : '/'}\nsecret=none\n`);
  });
});
