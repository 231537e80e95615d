/**
 * Version comparisons the plugin and amazon-ssm-agent make to pick port-forwarding behaviour.
 */

/** Compares dotted numeric versions ("3.1.1511.0"); missing parts count as 0, junk as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** AWS: the plugin multiplexes LocalPortForwarding over smux for agents above 3.0.196.0. */
export function agentSupportsMultiplexing(agentVersion: string): boolean {
  return agentVersion !== '' && compareVersions(agentVersion, '3.0.196.0') > 0;
}

/** AWS: the plugin turns its smux keep-alive off for agents above 3.1.1511.0. */
export function agentDisablesSmuxKeepAlive(agentVersion: string): boolean {
  return agentVersion !== '' && compareVersions(agentVersion, '3.1.1511.0') > 0;
}

/** AWS: amazon-ssm-agent multiplexes for clients at or above 1.1.70 (plugins/port/port.go). */
export function clientSupportsMultiplexing(clientVersion: string): boolean {
  return clientVersion !== '' && compareVersions(clientVersion, '1.1.70') >= 0;
}

/** AWS: amazon-ssm-agent turns its smux keep-alive off for clients above 1.2.331.0. */
export function clientDisablesSmuxKeepAlive(clientVersion: string): boolean {
  return clientVersion !== '' && compareVersions(clientVersion, '1.2.331.0') > 0;
}

/** smux's default keep-alive interval, used when the peer is old enough to expect NOPs. */
export const SMUX_KEEPALIVE_INTERVAL_MS = 10_000;
