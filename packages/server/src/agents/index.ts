/**
 * Managed nodes on the server side: registration, the agent channel and presence. Features
 * reach nodes only through the hub returned by `attachAgents`.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../operations/dispatch';
import { AgentHub } from './channel-hub';
import { registerRoute } from './register-route';
import type { TrustProxy } from './transport';

export { AgentHub, type MessageHandler } from './channel-hub';
export { instanceEvents } from './instance-events';
export { getHeartbeatSeconds, setHeartbeatSeconds, effectivePingStatus } from './presence';
export { managedInstanceArn, MANAGED_INSTANCE_ID } from './ids';
export { ensureNodeRole, createActivationRecord, SSM_TRUST_POLICY, type NewActivation } from './local-node';

/**
 * Adds `POST /agent/v1/register` and the `/agent/v1/channel` WebSocket upgrade to the app.
 * Call before `app.listen`; the hub's sweeper starts with `hub.startSweeper()`.
 */
export function attachAgents(app: FastifyInstance, server: ServerContext, options: { trustProxy?: TrustProxy } = {}): AgentHub {
  registerRoute(app, server, options.trustProxy);
  const hub = new AgentHub({ db: server.db, secrets: server.secrets, logger: server.logger, trustProxy: options.trustProxy });
  hub.attach(app.server);
  hubs.set(app, hub);
  return hub;
}

const hubs = new WeakMap<FastifyInstance, AgentHub>();

/** The hub `attachAgents` made for this app (server.ts starts and stops it). */
export function agentHubOf(app: FastifyInstance): AgentHub {
  const hub = hubs.get(app);
  if (!hub) throw new Error('attachAgents was not called for this app');
  return hub;
}
