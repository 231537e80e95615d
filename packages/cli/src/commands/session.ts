import { Command } from 'commander';
import { connect, connectionOptions, parseSessionParameters, reportError, type ConnectionFlags } from '../connection';
import { startSession } from '../session/open';
import { enterRawMode, type RawTerminal } from '../session/terminal';
import { sessionListCommand } from './session-list';
import { sessionReplayCommand } from './session-replay';

/**
 * `bosun session <node-id>`: a shell (or any Session document) on a managed node, what
 * `aws ssm start-session` does with the plugin. On a terminal it runs raw with resize; with
 * pipes it copies stdin and stdout, so a script can drive it. The exit status is the remote
 * shell's exit code.
 */
interface SessionFlags extends ConnectionFlags {
  document?: string;
  parameters?: string[];
  reason?: string;
}

export function sessionCommand(): Command {
  const command = connectionOptions(
    new Command('session')
      .description('open a shell on a managed node (list, replay: past sessions)')
      .argument('[node-id]', 'managed node id (mi-…)')
      .option('--document <name>', 'Session document (default: a shell, SSM-SessionManagerRunShell)')
      .option('--parameters <k=v...>', 'document parameters; repeat a key for a list')
      .option('--reason <text>', 'why, kept with the session (DescribeSessions, audit)'),
  ).action(async (nodeId: string | undefined, flags: SessionFlags) => {
    if (!nodeId) {
      command.help({ error: true });
      return;
    }
    try {
      process.exitCode = await runSession(nodeId, flags);
    } catch (err) {
      reportError('session', err);
      process.exitCode = 2;
    }
  });
  command.addCommand(sessionListCommand());
  command.addCommand(sessionReplayCommand());
  return command;
}

const EOT = Uint8Array.of(4);
const QUIET_MS = 300;
const EOT_EVERY_MS = 1000;

async function runSession(nodeId: string, flags: SessionFlags): Promise<number> {
  const connection = connect(flags);
  const stdin = process.stdin;
  const interactive = stdin.isTTY === true && process.stdout.isTTY === true;
  let exitCode: number | undefined;
  let portSession = false;
  let lastOutputAt = Date.now();
  let endOfInput: ReturnType<typeof setInterval> | undefined;
  const open = await startSession(
    connection,
    { target: nodeId, documentName: flags.document, parameters: parseSessionParameters(flags.parameters), reason: flags.reason },
    {
      onOutput: (bytes, stream) => {
        lastOutputAt = Date.now();
        (stream === 'stderr' ? process.stderr : process.stdout).write(bytes);
      },
      onExit: (code) => (exitCode = code),
      onPortError: () => process.stderr.write('Connection to destination port failed, check SSM Agent logs.\n'),
    },
  );
  const { session, sessionId } = open;
  // AWS: the plugin announces the session on start and on exit; on stderr here, so stdout
  // carries only what the node printed.
  process.stderr.write(`\nStarting session with SessionId: ${sessionId}\n`);

  let terminal: RawTerminal | undefined;
  const write = (bytes: Uint8Array) => {
    try {
      session.write(bytes);
    } catch {
      // the session ended while input was still coming: nothing left to send it to
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    terminal?.restore();
    process.stderr.write(`\n${signal}: ending session ${sessionId}\n`);
    void open.terminate().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const signals: NodeJS.Signals[] = interactive ? ['SIGTERM', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);

  const ready = await Promise.race([session.ready, session.closed.then(() => null)]);
  if (ready) {
    portSession = ready.sessionType === 'Port';
    if (ready.customerMessage) process.stderr.write(`${ready.customerMessage}\n`);
    if (interactive) {
      terminal = enterRawMode(stdin as import('node:tty').ReadStream, (cols, rows) => session.resize(cols, rows));
    } else {
      const cols = Number(process.env.COLUMNS);
      const rows = Number(process.env.LINES);
      if (cols > 0 && rows > 0 && !portSession) session.resize(cols, rows);
    }
    stdin.on('data', (chunk: Buffer) => write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    stdin.on('end', () => {
      // A port stream (SSH ProxyCommand) ends the session with its input.
      if (portSession) {
        void session.terminate().then(() => session.close());
        return;
      }
      // End of scripted input: the remote shell gets end-of-file (Ctrl-D) as from a terminal.
      // A Ctrl-D that reaches the node's terminal while the shell still sets itself up, or runs
      // a command, is lost; so it is sent whenever the node has gone quiet, until the shell exits.
      let lastEotAt = 0;
      endOfInput = setInterval(() => {
        const now = Date.now();
        if (now - lastOutputAt < QUIET_MS || now - lastEotAt < EOT_EVERY_MS) return;
        lastEotAt = now;
        write(EOT);
      }, QUIET_MS / 2);
    });
    stdin.resume();
  }

  const closed = await session.closed;
  clearInterval(endOfInput);
  terminal?.restore();
  for (const s of signals) process.off(s, onSignal);
  stdin.pause();
  stdin.destroy();
  if (exitCode === undefined && !closed.byService) {
    process.stderr.write(`\nSession ${sessionId}: ${open.socketError() ?? closed.output}\n`);
    await open.terminate();
    return 1;
  }
  process.stderr.write(closed.output ? `\n\nSessionId: ${sessionId} : ${closed.output}\n\n` : `\n\nExiting session with sessionId: ${sessionId}.\n\n`);
  // A session that ended without an exit code (terminated, timed out) is not a success.
  return exitCode ?? (portSession ? 0 : 1);
}
