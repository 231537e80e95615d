/**
 * Where a port session connects: the document's host (default localhost) and portNumber,
 * resolved once when the session starts and refused when any address is a cloud metadata or
 * link-local service endpoint — checked AFTER resolution, so a DNS name or an odd IP spelling
 * (2852039166, ::ffff:a9fe:a9fe) cannot reach them. Connections dial the resolved addresses,
 * so a DNS answer that changes later cannot either.
 */
import dns from 'node:dns/promises';
import net from 'node:net';

/**
 * AWS: the agent's DefaultDeniedPortForwardingRemoteIPs (IMDS, Route 53 resolver, time sync,
 * …), plus the container credential endpoints of ECS (169.254.170.2) and EKS Pod Identity
 * (169.254.170.23, fd00:ec2::23), which hand out role credentials just the same.
 */
export const DENIED_ADDRESSES: readonly string[] = [
  '169.254.169.254', 'fd00:ec2::254',
  '169.254.169.253', 'fd00:ec2::253',
  '169.254.169.123', 'fd00:ec2::123',
  '169.254.169.250', '169.254.169.251', 'fd00:ec2::240',
  '169.254.170.2', '169.254.170.23', 'fd00:ec2::23',
];

export class DestinationError extends Error {
  constructor(
    readonly reason: 'forbidden' | 'bad-port' | 'unresolved',
    message: string,
  ) {
    super(message);
  }
}

/** One canonical spelling per address: IPv6 compressed lower-case, IPv4-mapped IPv6 as IPv4. */
export function canonicalAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIPv4(bare)) return bare;
  if (!net.isIPv6(bare)) return bare.toLowerCase();
  const v6 = new URL(`http://[${bare}]`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (mapped) {
    const hi = parseInt(mapped[1], 16);
    const lo = parseInt(mapped[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return v6;
}

const denied = new Set(DENIED_ADDRESSES.map(canonicalAddress));

export function isDeniedAddress(address: string): boolean {
  return denied.has(canonicalAddress(address));
}

export interface Destination {
  host: string;
  port: number;
  /** Resolved addresses, dialled in order. */
  addresses: string[];
}

export type Lookup = (host: string) => Promise<string[]>;

const systemLookup: Lookup = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export async function resolveDestination(properties: { host?: unknown; portNumber?: unknown }, lookup: Lookup = systemLookup): Promise<Destination> {
  const portText = String(properties.portNumber ?? '').trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    throw new DestinationError('bad-port', `Port number is missing or invalid in session properties: ${JSON.stringify(properties.portNumber ?? '')}`);
  // AWS: no host means localhost
  const host = typeof properties.host === 'string' && properties.host.trim() ? properties.host.trim() : 'localhost';
  let addresses: string[];
  try {
    addresses = await lookup(host.replace(/^\[|\]$/g, ''));
  } catch (error) {
    throw new DestinationError('unresolved', `cannot resolve ${host}: ${(error as Error).message}`);
  }
  if (addresses.length === 0) throw new DestinationError('unresolved', `cannot resolve ${host}: no addresses`);
  // AWS: "Forwarding to IP address <host> is forbidden."
  const forbidden = addresses.find(isDeniedAddress);
  if (forbidden) throw new DestinationError('forbidden', `Forwarding to IP address ${host} is forbidden${forbidden !== host ? ` (it resolves to ${forbidden})` : ''}.`);
  return { host, port, addresses };
}

/** Connects to the first address that answers (AWS: in resolution order, the first error is reported). */
export async function dialDestination(destination: Destination): Promise<net.Socket> {
  let firstError: Error | undefined;
  for (const address of destination.addresses) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect({ host: address, port: destination.port, noDelay: true });
        socket.once('connect', () => {
          socket.removeListener('error', reject);
          resolve(socket);
        });
        socket.once('error', reject);
      });
    } catch (error) {
      firstError ??= error as Error;
    }
  }
  throw firstError ?? new Error(`no address to dial for ${destination.host}`);
}
