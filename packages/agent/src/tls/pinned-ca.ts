/**
 * Pinning the server's CA. At registration the operator gives either the CA file or its SHA-256
 * fingerprint (printed by `bosun init`); from then on the agent trusts that one CA and nothing
 * else — not the system store — so a node never talks to another server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

export class CaPinError extends Error {}

/**
 * Normalises "sha256:ab12…", "AB:12:…", bare hex or openssl's whole line ("sha256 Fingerprint=AB:12…")
 * to Node's form: upper-case, colon-separated.
 */
export function normalizeFingerprint(raw: string): string {
  const hex = raw.trim().replace(/^.*fingerprint=/i, '').replace(/^sha-?256:/i, '').replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new CaPinError(`not a SHA-256 fingerprint: ${raw} (expected 64 hex digits)`);
  return hex.match(/../g)!.join(':');
}

export function fingerprintOfPem(pem: string): string {
  try {
    return new crypto.X509Certificate(pem).fingerprint256;
  } catch (error) {
    throw new CaPinError(`not a PEM certificate: ${(error as Error).message}`);
  }
}

export function readCaFile(file: string): { pem: string; fingerprint: string } {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CaPinError(`cannot read CA file ${file}: ${(error as Error).message}`);
  }
  return { pem, fingerprint: fingerprintOfPem(pem) };
}

function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Looks through the certificate chain the server presents for the certificate with the given
 * fingerprint and returns it as PEM. The chain is not trusted here: the caller then connects
 * again trusting only the returned CA, which proves the chain really leads to it.
 */
export function fetchPinnedCa(server: URL, fingerprint: string, timeoutMs = 10_000): Promise<string> {
  const wanted = normalizeFingerprint(fingerprint);
  return new Promise((resolve, reject) => {
    const host = server.hostname.replace(/^\[|\]$/g, '');
    const socket = tls.connect({
      host,
      port: Number(server.port || 443),
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('timeout', () => socket.destroy(new CaPinError(`no TLS answer from ${server.host} within ${timeoutMs} ms`)));
    socket.once('error', (error) => reject(error instanceof CaPinError ? error : new CaPinError(`cannot reach ${server.host}: ${error.message}`)));
    socket.once('secureConnect', () => {
      const seen: string[] = [];
      let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      while (cert && cert.raw && !seen.includes(cert.fingerprint256)) {
        seen.push(cert.fingerprint256);
        if (cert.fingerprint256 === wanted) {
          socket.end();
          resolve(derToPem(cert.raw));
          return;
        }
        cert = cert.issuerCertificate;
      }
      socket.end();
      reject(
        new CaPinError(
          `the server at ${server.host} did not present a certificate with fingerprint ${wanted} ` +
            `(it presented ${seen.join(', ') || 'none'}); wrong server or wrong fingerprint — or pass the CA itself with --ca-file`,
        ),
      );
    });
  });
}

/** TLS options that trust the pinned CA alone. */
export function pinnedTlsOptions(caPem: string | undefined): { ca?: string; rejectUnauthorized: boolean } {
  return caPem ? { ca: caPem, rejectUnauthorized: true } : { rejectUnauthorized: true };
}
