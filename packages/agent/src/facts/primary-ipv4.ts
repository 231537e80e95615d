/**
 * The node's primary IPv4 address: the address on the interface that carries the default route,
 * so a machine with docker bridges or VPNs reports the address others reach it by.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Interface name of the IPv4 default route in /proc/net/route (lowest metric wins). */
export function defaultRouteInterface(procNetRoute: string): string | undefined {
  let best: { iface: string; metric: number } | undefined;
  for (const line of procNetRoute.split('\n').slice(1)) {
    const [iface, destination, , , , , metric, mask] = line.trim().split(/\s+/);
    if (destination !== '00000000' || mask !== '00000000') continue;
    const m = Number(metric);
    if (!best || m < best.metric) best = { iface, metric: m };
  }
  return best?.iface;
}

export function primaryIpv4(
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
  routeInterface: string | undefined = readDefaultRouteInterface(),
): string {
  const external = (name: string) => (interfaces[name] ?? []).find((a) => a.family === 'IPv4' && !a.internal)?.address;
  if (routeInterface) {
    const address = external(routeInterface);
    if (address) return address;
  }
  for (const name of Object.keys(interfaces).sort()) {
    const address = external(name);
    if (address) return address;
  }
  return '127.0.0.1';
}

function readDefaultRouteInterface(): string | undefined {
  try {
    return defaultRouteInterface(fs.readFileSync('/proc/net/route', 'utf8'));
  } catch {
    return undefined; // not Linux, or /proc not mounted
  }
}
