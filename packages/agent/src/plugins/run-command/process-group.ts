/**
 * Runs a command as the leader of its own process group, so everything it starts (pipelines,
 * `sleep` in the background, subshells) can be stopped together: SIGTERM to the whole group,
 * then SIGKILL to whatever is left after a grace period.
 */
import { spawn } from 'node:child_process';

export interface GroupRun {
  /** Resolves when the leader has exited and its output is drained: exit code, or null when killed by a signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the whole group: SIGTERM, then SIGKILL after `graceMs`; resolves once the group is gone. */
  kill(graceMs?: number): Promise<void>;
}

export interface GroupSpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  onData(stream: 'stdout' | 'stderr', chunk: Buffer): void;
}

/** After the leader exits, how long to keep reading output that its background children still write. */
const DRAIN_MS = 200;

export function spawnGroup(command: string, args: string[], options: GroupSpawnOptions): GroupRun {
  // detached: setsid(), so the child leads a new session and process group (pgid = pid).
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => options.onData('stdout', chunk));
  child.stderr.on('data', (chunk: Buffer) => options.onData('stderr', chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      // A daemon the script left running keeps the pipes open; the step is over all the same.
      const drained = () => resolve({ code, signal });
      if (child.stdout.closed && child.stderr.closed) return drained();
      const timer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        drained();
      }, DRAIN_MS);
      child.once('close', () => {
        clearTimeout(timer);
        drained();
      });
    });
  });
  const pgid = child.pid;
  return {
    exited,
    async kill(graceMs = 5_000) {
      if (pgid === undefined) return;
      signalGroup(pgid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (groupAlive(pgid) && Date.now() < deadline) await sleep(25);
      if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      // SIGKILL cannot be refused; what may linger are zombies an init that does not reap keeps.
      const reaped = Date.now() + 1_000;
      while (groupAlive(pgid) && Date.now() < reaped) await sleep(10);
    },
  };
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/** True while any process of the group exists (zombies of our own child included until reaped). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
