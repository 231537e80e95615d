/**
 * The running program of a shell or command session, with or without a terminal. Both kinds end
 * the same way: `terminate()` hangs up the whole session (every process the shell started, not
 * just the shell) and `onExit` reports a shell-style exit code (128 + signal when killed).
 */
import fs from 'node:fs';

export interface SessionProcess {
  readonly pid: number;
  onData(listener: (chunk: Uint8Array, stream: 'stdout' | 'stderr') => void): void;
  onExit(listener: (exitCode: number) => void): void;
  write(data: Uint8Array | string): void;
  /** Closes the program's input (pipes only; a terminal has no end of input). */
  endInput(): void;
  resize(cols: number, rows: number): void;
  /** Stops reading output (the data channel is full) / starts again. */
  pause(): void;
  resume(): void;
  terminate(): void;
}

export const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

/** Exit code as a shell reports it: the status, or 128 + the signal that killed the program. */
export function shellExitCode(code: number | null, signal: number | string | null | undefined): number {
  if (signal) {
    const n = typeof signal === 'number' ? signal : SIGNAL_NUMBERS[signal] ?? 1;
    if (n > 0) return 128 + n;
  }
  return code ?? 1;
}

/** Pids whose session id is `sid` (Linux /proc); empty elsewhere. */
function processesOfSession(sid: number): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // fields after the parenthesised command name: state ppid pgrp session …
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[3]) === sid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Ends every process of the session led by `leader`: SIGHUP to its process group first (what a
 * terminal hangup does; shells pass it on to their jobs), then after `graceMs` SIGKILL to all
 * processes still in the session, including jobs in process groups of their own.
 */
export function hangUpSession(leader: number, graceMs = 2000): NodeJS.Timeout {
  signal(-leader, 'SIGHUP');
  signal(-leader, 'SIGCONT');
  const timer = setTimeout(() => {
    for (const pid of processesOfSession(leader)) signal(pid, 'SIGKILL');
    signal(-leader, 'SIGKILL');
  }, graceMs);
  timer.unref();
  return timer;
}
