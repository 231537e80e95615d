import { Command } from 'commander';
import { storeOptions } from '../store-options';
import { initialise, report } from './init';
import { runServer, serverOptions } from './server';
import { startLocalAgent } from '../local-agent';
import type { ChildProcess } from 'node:child_process';
import { firstConsolePassword } from './up-console';

/** The newcomer's command: initialise if needed, then serve. */
export function upCommand(): Command {
  return serverOptions(storeOptions(new Command('up').description('initialise on first run, then start the server and an agent for this machine')))
    .option('--profile <name>', 'AWS CLI profile to write on first run', 'bosun')
    .option('--no-agent', 'do not register and run an agent for this machine')
    .action(async (flags) => {
      const running = await runServer(flags);
      const result = await initialise({ ...flags, region: flags.region ?? 'us-east-1', endpointUrl: running.url });
      report(result);
      // First run only: the admin's console password, printed once below and stored only as a hash.
      const password = result.created ? await firstConsolePassword(running.context.db, result.accountId!) : undefined;
      if (flags.agent) {
        const agent = await startLocalAgent(running, { region: flags.region ?? 'us-east-1', caFile: running.caFile });
        running.onClose(() => stopChild(agent));
        agent.once('exit', (code) => {
          if (code === 3) process.stderr.write('The local node was deregistered; the next `bosun up` registers it again.\n');
        });
        process.stderr.write(`Started a bosun-agent for this machine (state in ${running.config.dataDir}/local-agent).\n`);
      }
      process.stderr.write(
        `\nBosun is up at ${running.url}\n` +
          `Try:  aws --profile ${flags.profile} --endpoint-url ${running.url} sts get-caller-identity\n` +
          `      aws --profile ${flags.profile} --endpoint-url ${running.url} ssm describe-instance-information\n` +
          `Console: ${running.url}/console/` +
          (password
            ? `  user admin, password ${password}\n(the password is shown only now; change it with aws iam update-login-profile --user-name admin --password …)\n\n`
            : `  (sign in as an IAM user with a login profile: aws iam create-login-profile --user-name <user> --password …)\n\n`),
      );
    });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
