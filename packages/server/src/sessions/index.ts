/**
 * Session Manager's moving parts on the server: the relay (both data-channel WebSockets,
 * recording, timeouts). The API operations live in features/sessions and reach the relay of
 * their server through `relayOf(db)`.
 */
import type { FastifyInstance } from 'fastify';
import type { AgentHub } from '../agents/index';
import type { TrustProxy } from '../agents/transport';
import type { Db } from '../db/index';
import type { ServerContext } from '../operations/dispatch';
import { SessionRelay } from './relay';

export { SessionRelay, CLIENT_PATH_PREFIX, END_MESSAGES, channelClosedFrame } from './relay';
export { setSessionMinuteMs, sessionMinuteMs, setAgentConnectTimeoutMs, setReplicaHeartbeatMs } from './timeouts';

const relays = new WeakMap<object, { relay: SessionRelay; publicUrl?: string }>();

/**
 * Adds the data-channel upgrade paths to the app and gives its database a relay. Call before
 * `app.listen`; `relay.recover()` ends the sessions a previous run left live.
 */
export function attachSessions(app: FastifyInstance, server: ServerContext, hub: AgentHub, options: { trustProxy?: TrustProxy } = {}): SessionRelay {
  const relay = new SessionRelay(server, hub, options);
  relay.attach(app.server);
  relays.set(server.db, { relay });
  return relay;
}

/** The base URL for StreamUrl when the request's Host is unknown (set once the server listens). */
export function setSessionPublicUrl(db: Db, url: string): void {
  const found = relays.get(db);
  if (found) found.publicUrl = url.replace(/\/+$/, '');
}

export function relayOf(db: Db): { relay: SessionRelay; publicUrl?: string } | undefined {
  return relays.get(db);
}
