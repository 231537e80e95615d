/** Compares dotted numeric versions ("1.2.331.0"); missing parts count as 0, junk as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** AWS: amazon-ssm-agent multiplexes LocalPortForwarding over smux for clients at or above 1.1.70 (port.go). */
export const MUX_SUPPORTED_CLIENT_VERSION = '1.1.70';

export function clientSpeaksSmux(clientVersion: string): boolean {
  return clientVersion.trim() !== '' && compareVersions(clientVersion, MUX_SUPPORTED_CLIENT_VERSION) >= 0;
}
