/** bosun-agent's command line: register | run | status | version. Returns the exit status. */
import { createLogger } from './log/logger';
import { AlreadyRegisteredError } from './register/register-agent';
import { RegistrationError, ServerUnreachableError } from './register/registration-error';
import { NotRegisteredError, UnsafeKeyError } from './state/state-dir';
import { CaPinError } from './tls/pinned-ca';
import { InsecureUrlError } from './tls/server-url';
import { readOptions, UsageError } from './cli/options';
import { registerCommand } from './cli/register-command';
import { runCommand } from './cli/run-command';
import { statusCommand } from './cli/status-command';
import { AGENT_VERSION } from './version';

const USAGE = `bosun-agent ${AGENT_VERSION} — the Bosun node agent

usage:
  bosun-agent register --url <server> --activation-id <id> --activation-code <code>
                       [--ca-fingerprint <sha256> | --ca-file <pem>] [--region <r>] [--force]
  bosun-agent run      [--log-format json|text] [--log-level debug|info|warn|error]
                       [--reboot-command <cmd>]   (what a script's exit 194 runs; default systemctl reboot)
  bosun-agent status
  bosun-agent version

common: --state-dir <dir> (default /var/lib/bosun-agent)
environment: BOSUN_AGENT_URL, BOSUN_ACTIVATION_ID, BOSUN_ACTIVATION_CODE, BOSUN_AGENT_CA_FINGERPRINT,
  BOSUN_AGENT_CA_FILE, BOSUN_AGENT_REGION, BOSUN_AGENT_STATE_DIR, BOSUN_AGENT_LOG_FORMAT, BOSUN_AGENT_LOG_LEVEL,
  BOSUN_AGENT_REBOOT_COMMAND
`;

export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (command === 'version' || command === '--version') {
      print(AGENT_VERSION);
      return 0;
    }
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(USAGE);
      return command ? 0 : 2;
    }
    const options = readOptions(rest);
    if (options.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command === 'register') return await registerCommand(options, print);
    if (command === 'status') return await statusCommand(options, print);
    if (command === 'run') return await runCommand(options, createLogger({ format: options.logFormat, level: options.logLevel }));
    throw new UsageError(`unknown command ${command}`);
  } catch (error) {
    const known = [UsageError, AlreadyRegisteredError, RegistrationError, ServerUnreachableError, NotRegisteredError, UnsafeKeyError, CaPinError, InsecureUrlError].some((type) => error instanceof type);
    process.stderr.write(`bosun-agent: ${known ? (error as Error).message : `${(error as Error)?.stack ?? error}`}\n`);
    if (error instanceof UsageError) process.stderr.write('run `bosun-agent help` for usage\n');
    // 2: the command line (or the state dir) says no before any network; 1: the attempt failed
    return error instanceof UsageError || error instanceof AlreadyRegisteredError ? 2 : 1;
  }
}
