/** `bosun-agent run`: the long-running agent; stops cleanly on SIGTERM/SIGINT. */
import { startAgent } from '../agent';
import type { Logger } from '../log/logger';
import { builtinPlugins } from '../plugins/index';
import type { AgentCliOptions } from './options';

/** Exit status when the server refused the node for good (deregistered): systemd should not restart it. */
export const EXIT_REFUSED = 3;

export async function runCommand(options: AgentCliOptions, logger: Logger): Promise<number> {
  const agent = startAgent({ stateDir: options.stateDir, logger, plugins: builtinPlugins({ stateDir: options.stateDir, rebootCommand: options.rebootCommand }) });
  const stop = (signal: string) => {
    logger.info('stopping', { signal });
    void agent.stop();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  const exit = await agent.done;
  return exit.reason === 'refused' ? EXIT_REFUSED : 0;
}
