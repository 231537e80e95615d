/**
 * How often a node says it is alive, and what its PingStatus is given its last heartbeat.
 * `BOSUN_AGENT_HEARTBEAT_SECONDS` shortens the interval (tests, benchmarks).
 */
let heartbeatSeconds = Number(process.env.BOSUN_AGENT_HEARTBEAT_SECONDS ?? 30) || 30;

export const getHeartbeatSeconds = (): number => heartbeatSeconds;

export function setHeartbeatSeconds(seconds: number): void {
  heartbeatSeconds = seconds;
}

/** Three missed heartbeats and a node counts as ConnectionLost. */
export const staleAfterMs = (): number => heartbeatSeconds * 3 * 1000;

export type PingStatus = 'Online' | 'ConnectionLost' | 'Inactive';

/**
 * The status a reader should see. The stored value is written by whichever replica holds the
 * socket; a replica that died cannot write ConnectionLost, so an old heartbeat decides too.
 */
export function effectivePingStatus(
  row: { ping_status: string; last_ping_at: string | null; deregistered_at: string | null },
  now: Date,
): PingStatus {
  if (row.deregistered_at) return 'Inactive';
  if (row.ping_status !== 'Online') return row.ping_status as PingStatus;
  const last = row.last_ping_at ? Date.parse(row.last_ping_at) : 0;
  return now.getTime() - last > staleAfterMs() ? 'ConnectionLost' : 'Online';
}
