import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\./.test(a);
}

/** The server's `trustProxy` setting: true, or the proxies' addresses, comma-separated. */
export type TrustProxy = boolean | string | undefined;

function fromTrustedProxy(req: IncomingMessage, trustProxy: TrustProxy): boolean {
  if (!trustProxy) return false;
  if (trustProxy === true) return true;
  const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return String(trustProxy).split(',').map((s) => s.trim()).includes(remote);
}

/**
 * True for an unencrypted request from another machine: agents there must use TLS. A trusted
 * proxy that terminated TLS says so with X-Forwarded-Proto.
 */
export function isPlainRemote(req: IncomingMessage, trustProxy?: TrustProxy): boolean {
  if ((req.socket as TLSSocket).encrypted || isLoopback(req.socket.remoteAddress)) return false;
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim();
  return !(proto === 'https' && fromTrustedProxy(req, trustProxy));
}
