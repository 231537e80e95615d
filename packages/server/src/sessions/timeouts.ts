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
