import { Command } from 'commander';
import { serverCommand } from './commands/server';
import { initCommand } from './commands/init';
import { upCommand } from './commands/up';
import { auditCommand } from './commands/audit';
import { opsCommand } from './commands/ops';
import { eventsCommand } from './commands/events';
import { runCommand } from './commands/run';
import { sessionCommand } from './commands/session';
import { portForwardCommand } from './commands/port-forward';

export async function main(argv: string[]): Promise<void> {
  // `bosun … | head`: a reader that went away ends the output quietly, as Unix tools do,
  // instead of an unhandled EPIPE stack.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const program = new Command('bosun')
    .description('Bosun: a self-hosted Systems Manager that speaks the AWS SSM API')
    .version('0.1.0')
    .showHelpAfterError();
  program.addCommand(upCommand());
  program.addCommand(serverCommand());
  program.addCommand(initCommand());
  program.addCommand(auditCommand());
  program.addCommand(opsCommand());
  program.addCommand(eventsCommand());
  program.addCommand(runCommand());
  program.addCommand(sessionCommand());
  program.addCommand(portForwardCommand());
  await program.parseAsync(argv);
}
