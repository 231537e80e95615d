/** `bosun-agent register`: checks the options, registers, says what happened. */
import { registerAgent } from '../register/register-agent';
import { UsageError, type AgentCliOptions } from './options';

export async function registerCommand(options: AgentCliOptions, print: (line: string) => void): Promise<number> {
  if (!options.url) throw new UsageError('missing --url (or BOSUN_AGENT_URL): the server, e.g. https://bosun.example.com:7070');
  if (!options.activationId) throw new UsageError('missing --activation-id (or BOSUN_ACTIVATION_ID)');
  if (!options.activationCode) throw new UsageError('missing --activation-code (or BOSUN_ACTIVATION_CODE)');
  const registration = await registerAgent({
    url: options.url,
    activationId: options.activationId,
    activationCode: options.activationCode,
    stateDir: options.stateDir,
    caFingerprint: options.caFingerprint,
    caFile: options.caFile,
    region: options.region,
    force: options.force,
  });
  print(`registered as ${registration.instanceId} (account ${registration.accountId}, region ${registration.region})`);
  print(`state saved in ${options.stateDir}; start the agent with \`bosun-agent run\``);
  return 0;
}
