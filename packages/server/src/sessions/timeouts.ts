/**
 * How long a session-preference minute lasts. AWS counts idleSessionTimeout and
 * maxSessionDuration in minutes; tests shrink the minute so a timeout can be watched.
 */
let minuteMs = 60_000;

export function setSessionMinuteMs(ms: number): void {
  minuteMs = ms;
}

export const sessionMinuteMs = (): number => minuteMs;

/** How long a started session waits for the node to open its data channel before it Fails. */
let agentConnectMs = 30_000;

export function setAgentConnectTimeoutMs(ms: number): void {
  agentConnectMs = ms;
}

export const agentConnectTimeoutMs = (): number => agentConnectMs;

/**
 * How often a replica on PostgreSQL says it is alive (`server_replicas`); one silent for three
 * of these is gone, and the sessions it relayed are ended by the others.
 */
let replicaHeartbeatMs = 10_000;

export function setReplicaHeartbeatMs(ms: number): void {
  replicaHeartbeatMs = ms;
}

export const replicaHeartbeatInterval = (): number => replicaHeartbeatMs;
