import { Command, Option } from 'commander';
import { storeOptions } from '../store-options';
import { initialise, report } from './init';
import { runServer } from './server';

/** The newcomer's command: initialise if needed, then serve. */
export function upCommand(): Command {
  return storeOptions(new Command('up').description('initialise on first run, then start the server'))
    .addOption(new Option('--host <host>', 'address to listen on').env('BOSUN_HOST'))
    .addOption(new Option('--port <port>', 'port to listen on').env('BOSUN_PORT'))
    .option('--profile <name>', 'AWS CLI profile to write on first run', 'bosun')
    .addOption(new Option('--region <region>', 'default region').default('us-east-1').env('BOSUN_REGION'))
    .addOption(new Option('--log-level <level>', 'trace, debug, info, warn, error').env('BOSUN_LOG_LEVEL'))
    .action(async (flags) => {
      const running = await runServer(flags);
      const result = await initialise({ ...flags, endpointUrl: running.url });
      report(result);
      process.stderr.write(
        `\nBosun is up at ${running.url}\n` +
          `Try:  aws --profile ${flags.profile} --endpoint-url ${running.url} sts get-caller-identity\n\n`,
      );
    });
}
