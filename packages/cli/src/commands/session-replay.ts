import { Command } from 'commander';
import { parseAsciicast } from '@bosun/protocol/session/asciicast';
import { connect, connectionOptions, fetchText, reportError, type ConnectionFlags } from '../connection';
import { playAsciicast } from '../session/replay';
import { describeAll } from './session-list';

/**
 * `bosun session replay <session-id>`: the relay's asciicast recording of a shell session,
 * fetched through DescribeSessions' signed OutputUrl and played on the terminal with its timing.
 */
interface ReplayFlags extends ConnectionFlags {
  speed: number;
  wait: boolean;
  maxPause?: number;
}

export function sessionReplayCommand(): Command {
  return connectionOptions(
    new Command('replay')
      .description('play the recording of a session with its timing')
      .argument('<session-id>')
      .option('--speed <n>', 'play this many times faster', (v) => Number(v), 1)
      .option('--no-wait', 'print the output at once, without the pauses')
      .option('--max-pause <seconds>', 'shorten longer pauses to this', (v) => Number(v)),
  ).action(async (sessionId: string, flags: ReplayFlags) => {
    try {
      if (!(flags.speed > 0)) throw new Error('--speed must be a positive number');
      const connection = connect(flags);
      const filters = [{ key: 'SessionId' as const, value: sessionId }];
      const session = (await describeAll(connection.ssm, 'History', filters))[0] ?? (await describeAll(connection.ssm, 'Active', filters))[0];
      if (!session) throw new Error(`no session ${sessionId} (DescribeSessions finds none you may see)`);
      const url = session.OutputUrl?.S3OutputUrl;
      if (!url) throw new Error(`session ${sessionId} has no recording (port sessions are not recorded)`);
      const cast = parseAsciicast(await fetchText(connection, url));
      if (process.stdout.isTTY) process.stderr.write(`Replaying ${sessionId} (${cast.header.width}x${cast.header.height}), ${session.Status}\n`);
      await playAsciicast(cast, (text) => process.stdout.write(text), { speed: flags.speed, wait: flags.wait, maxPauseSeconds: flags.maxPause });
    } catch (err) {
      reportError('session replay', err);
      process.exitCode = 2;
    }
  });
}
