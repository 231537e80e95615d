/**
 * Shell and command sessions: Standard_Stream (the user's login shell in a terminal),
 * InteractiveCommands (the document's commands in a terminal) and NonInteractiveCommands (the
 * commands without a terminal, stdout and stderr streamed).
 */
import type { SessionStartMessage } from '@bosun/protocol/agent/messages';
import { PayloadTypeFlag } from '@bosun/protocol/session/constants';
import { launchAs, loginShell, shellCommand } from './launch';
import { spawnPiped } from './pipe-process';
import { spawnPty } from './pty-process';
import type { SessionProcess } from './session-process';
import type { SessionIo, SessionOutcome } from './session-io';
import { resolveSessionUser } from './session-user';
import { Utf8Chunker } from './utf8-chunker';

const DEFAULT_SIZE = { cols: 80, rows: 24 };
const encoder = new TextEncoder();

/** The document's Linux properties: `{linux: {commands, runAsElevated}}` (AWS documents) or flat. */
export function linuxProperties(properties: Record<string, unknown>): { commands: string; elevated: boolean; separateOutput: boolean } {
  const linux = (properties.linux && typeof properties.linux === 'object' ? properties.linux : properties) as Record<string, unknown>;
  const raw = linux.commands ?? properties.commands;
  const commands = Array.isArray(raw) ? raw.map(String).join('\n') : typeof raw === 'string' ? raw : '';
  const truthy = (v: unknown) => v === true || v === 'true';
  return {
    commands,
    elevated: truthy(linux.runAsElevated),
    // AWS: separateOutPutStream (sic) sends stderr as StdErr payloads
    separateOutput: truthy(linux.separateOutPutStream ?? properties.separateOutPutStream),
  };
}

export async function runCommandSession(start: SessionStartMessage, io: SessionIo, signal: AbortSignal): Promise<SessionOutcome> {
  const shell = start.sessionType === 'Standard_Stream';
  const piped = start.sessionType === 'NonInteractiveCommands';
  const props = linuxProperties(start.properties ?? {});
  let size = DEFAULT_SIZE;
  let running: SessionProcess | undefined;
  io.onSize((cols, rows) => {
    size = { cols, rows };
    running?.resize(cols, rows);
  });
  try {
    const user = await resolveSessionUser({ runAsEnabled: start.runAsEnabled, runAsUser: start.runAsUser, elevated: !shell && props.elevated });
    // AWS: an empty command runs a plain shell
    const argv = shell || !props.commands.trim() ? loginShell(user) : shellCommand(props.commands);
    const launch = launchAs(user, argv);
    running = piped ? spawnPiped(launch) : spawnPty(launch, size);
  } catch (error) {
    const message = (error as Error).message;
    io.output(encoder.encode(`${message}\r\n`));
    return { exitCode: 1, reason: message };
  }
  const proc = running;

  const chunker = new Utf8Chunker();
  proc.onData((chunk, stream) => {
    if (stream === 'stderr' && props.separateOutput) io.stderr(chunk);
    else {
      const whole = piped ? chunk : chunker.push(chunk);
      if (whole.length) io.output(whole);
    }
    if (io.backlogged) proc.pause();
  });
  io.onDrain(() => proc.resume());
  if (!piped) io.onInput((bytes) => proc.write(bytes));
  io.onFlag((flag) => {
    if (flag === PayloadTypeFlag.TerminateSession) proc.terminate();
  });
  const onAbort = () => proc.terminate();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) proc.terminate();
  if (piped) proc.endInput();

  // AWS: the shell profile is typed into the new shell before the user's input
  if (shell && start.shellProfile?.trim()) proc.write(`${start.shellProfile}\n`);

  const exitCode = await new Promise<number>((resolve) => proc.onExit(resolve));
  signal.removeEventListener('abort', onAbort);
  const rest = chunker.flush();
  if (rest.length) io.output(rest);
  // AWS: amazon-ssm-agent sends the ExitCode payload for NonInteractiveCommands only; the plugin
  // prints any it gets as text. Shells and interactive commands report their exit code through
  // session_ended, which the relay hands the client in channel_closed.
  if (piped) io.exitCode(exitCode);
  return signal.aborted ? { exitCode, reason: String(signal.reason ?? 'terminated') } : { exitCode };
}
