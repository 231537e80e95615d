/** A program without a terminal: stdout and stderr as pipes (NonInteractiveCommands). */
import { spawn } from 'node:child_process';
import type { Launch } from './launch';
import { hangUpSession, shellExitCode, type SessionProcess } from './session-process';

export function spawnPiped(launch: Launch): SessionProcess {
  // detached: its own session and process group, so terminate() reaches everything it starts
  const child = spawn(launch.file, launch.args, { cwd: launch.cwd, env: launch.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = false;
  let killTimer: NodeJS.Timeout | undefined;
  const exitListeners: ((code: number) => void)[] = [];
  let exitCode = 1;
  child.on('error', () => {
    // spawn failed (no such program): exit 127, as a shell says
    exitCode = 127;
    if (child.pid === undefined) setImmediate(() => child.emit('close'));
  });
  child.on('exit', (code, sig) => {
    exitCode = shellExitCode(code, sig);
  });
  // 'close' waits for the pipes to drain, so no output arrives after the exit code
  child.on('close', () => {
    if (exited) return;
    // killTimer stays: it sweeps the processes the program left behind in its session
    exited = true;
    for (const listener of exitListeners) listener(exitCode);
  });
  child.stdin.on('error', () => {});
  return {
    pid: child.pid ?? -1,
    onData: (listener) => {
      child.stdout.on('data', (chunk: Buffer) => listener(chunk, 'stdout'));
      child.stderr.on('data', (chunk: Buffer) => listener(chunk, 'stderr'));
    },
    onExit: (listener) => exitListeners.push(listener),
    write: (data) => {
      if (!exited && child.stdin.writable) child.stdin.write(data);
    },
    endInput: () => child.stdin.end(),
    resize: () => {},
    pause: () => {
      child.stdout.pause();
      child.stderr.pause();
    },
    resume: () => {
      child.stdout.resume();
      child.stderr.resume();
    },
    terminate: () => {
      if (exited || killTimer || !child.pid) return;
      killTimer = hangUpSession(child.pid);
    },
  };
}
