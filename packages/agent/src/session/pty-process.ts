/**
 * A program in a pseudo-terminal, through node-pty. node-pty is a native addon loaded on the
 * first session only, so an idle agent does not carry it; in the one-file build it sits beside
 * the bundle (dist/node_modules/node-pty).
 */
import { createRequire } from 'node:module';
import type * as NodePty from 'node-pty';
import { trace } from '@bosun/protocol/session/trace';
import type { Launch } from './launch';
import { hangUpSession, shellExitCode, type SessionProcess } from './session-process';

let nodePty: typeof NodePty | undefined;

export class PtyUnavailableError extends Error {}

function loadNodePty(): typeof NodePty {
  if (nodePty) return nodePty;
  try {
    nodePty = createRequire(import.meta.url)('node-pty') as typeof NodePty;
  } catch (error) {
    throw new PtyUnavailableError(
      `terminal sessions need node-pty, which this agent cannot load (${(error as Error).message.split('\n')[0]}); ` +
        'install the agent with its node_modules/node-pty directory beside bosun-agent.mjs',
    );
  }
  return nodePty;
}

export function spawnPty(launch: Launch, size: { cols: number; rows: number }): SessionProcess {
  const pty = loadNodePty().spawn(launch.file, launch.args, {
    name: launch.env.TERM ?? 'xterm-256color',
    cols: size.cols,
    rows: size.rows,
    cwd: launch.cwd,
    env: launch.env,
    encoding: null,
  });
  let exited = false;
  let killTimer: NodeJS.Timeout | undefined;
  const exitListeners: ((code: number) => void)[] = [];
  pty.onExit(({ exitCode, signal }) => {
    // killTimer stays: it sweeps the processes the program left behind in its session
    exited = true;
    const code = shellExitCode(exitCode, signal);
    for (const listener of exitListeners) listener(code);
  });
  return {
    pid: pty.pid,
    onData: (listener) => {
      // with encoding null node-pty hands out Buffers (its typings say string)
      pty.onData((chunk) => {
        trace?.(`agent pty-data ${(chunk as unknown as Uint8Array).length}`);
        listener(chunk as unknown as Uint8Array, 'stdout');
      });
    },
    onExit: (listener) => exitListeners.push(listener),
    write: (data) => {
      trace?.(`agent pty-write ${data.length}`);
      if (!exited) pty.write(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    },
    endInput: () => {},
    resize: (cols, rows) => {
      if (!exited && cols > 0 && rows > 0) pty.resize(Math.min(cols, 10_000), Math.min(rows, 10_000));
    },
    pause: () => pty.pause(),
    resume: () => pty.resume(),
    terminate: () => {
      if (exited || killTimer) return;
      // the pty child is a session leader: its pid is the session and process group id
      killTimer = hangUpSession(pty.pid);
    },
  };
}
