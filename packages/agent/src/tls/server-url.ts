/**
 * Where the agent talks to: the server's base URL, its registration URL and its channel URL.
 * Plain http/ws is allowed only to a loopback host (development, `bosun up`): anything crossing
 * a network must be TLS with the pinned CA.
 */
import net from 'node:net';
import { CHANNEL_PATH, REGISTER_PATH } from '@bosun/protocol/agent/messages';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

export class InsecureUrlError extends Error {}

/** Parses and checks the server URL given at registration; returns it without a trailing path. */
export function parseServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InsecureUrlError(`not a URL: ${raw} (expected https://host:port)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InsecureUrlError(`the server URL must be https:// (or http:// on loopback), got ${url.protocol}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InsecureUrlError(
      `refusing plain http:// to ${url.hostname}: only loopback hosts may skip TLS; use https:// with --ca-fingerprint or --ca-file`,
    );
  }
  return new URL(url.origin);
}

export function registerUrl(server: URL): URL {
  return new URL(REGISTER_PATH, server);
}

export function channelUrl(server: URL): URL {
  const url = new URL(CHANNEL_PATH, server);
  url.protocol = server.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}
