/**
 * Run Command: SendCommand and its fan-out to managed nodes, the listings, GetCommandInvocation
 * and CancelCommand. `startCommandEngine` runs the fan-out on a server with an agent hub.
 */
import type { OperationDef } from '../../operations/types';
import type { ScheduledJob } from '../../scheduler/index';
import type { AgentHub } from '../../agents/index';
import type { ServerContext } from '../../operations/dispatch';
import { CommandEngine } from './engine/engine';
import { sendCommandOperation } from './send-command';
import { listCommandsOperation } from './list-commands';
import { listCommandInvocationsOperation } from './list-command-invocations';
import { getCommandInvocationOperation } from './get-command-invocation';
import { cancelCommandOperation } from './cancel-command';

export { CommandEngine, type CommandEngineOptions } from './engine/engine';

export const commandOperations: OperationDef[] = [
  sendCommandOperation,
  listCommandsOperation,
  listCommandInvocationsOperation,
  getCommandInvocationOperation,
  cancelCommandOperation,
];

/** The engine polls by itself (every replica delivers to its own nodes), so no scheduler job is needed. */
export const commandJobs: ScheduledJob[] = [];

/** Starts the fan-out engine for this server's nodes; stop it before closing the hub. */
export function startCommandEngine(server: ServerContext, hub: AgentHub, options: { pollMs?: number } = {}): CommandEngine {
  return new CommandEngine({ server, hub, pollMs: options.pollMs }).start();
}
