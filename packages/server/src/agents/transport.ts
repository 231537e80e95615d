import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\./.test(a);
}

/** True for an unencrypted request from another machine: agents there must use TLS. */
export function isPlainRemote(req: IncomingMessage): boolean {
  return !(req.socket as TLSSocket).encrypted && !isLoopback(req.socket.remoteAddress);
}
