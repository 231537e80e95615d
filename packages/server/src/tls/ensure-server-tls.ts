/**
 * The server's TLS material. `bosun init` makes a private CA once (kept in the data directory,
 * key 0600) and a server certificate signed by it; agents pin the CA at registration, so a
 * node never trusts another server. An operator's own certificate and key are used as given.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { issueCa, issueServerCert, type IssuedCert } from './issue';

export interface ServerTls {
  /** The CA agents pin (for an operator's certificate: the last certificate of its chain). */
  caFile: string;
  /** Leaf then CA: the chain the server presents, so an agent can find the CA it pinned. */
  certFile: string;
  keyFile: string;
  /** SHA-256 of the CA certificate, upper-case hex pairs joined by colons, as openssl prints it. */
  caFingerprint: string;
}

export interface TlsOptions {
  /** Names and addresses the certificate must cover besides localhost and 127.0.0.1. */
  hostnames: string[];
  /** The operator's certificate (PEM, chain allowed) and key: used as they are. */
  certFile?: string;
  keyFile?: string;
  /** The operator's CA, when the chain in certFile does not end with it. */
  caFile?: string;
}

export async function ensureServerTls(dataDir: string, options: TlsOptions): Promise<ServerTls> {
  const certFile = options.certFile ?? process.env.BOSUN_TLS_CERT;
  const keyFile = options.keyFile ?? process.env.BOSUN_TLS_KEY;
  if (certFile && keyFile) return operatorTls(certFile, keyFile, options.caFile);

  const dir = path.join(dataDir, 'tls');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = {
    caFile: path.join(dir, 'ca.pem'), caKey: path.join(dir, 'ca-key.pem'),
    certFile: path.join(dir, 'server.pem'), keyFile: path.join(dir, 'server-key.pem'),
  };
  let ca: IssuedCert;
  if (fs.existsSync(files.caFile) && fs.existsSync(files.caKey)) {
    ca = { certPem: fs.readFileSync(files.caFile, 'utf8'), keyPem: fs.readFileSync(files.caKey, 'utf8') };
  } else {
    ca = await issueCa();
    writePrivate(files.caKey, ca.keyPem);
    fs.writeFileSync(files.caFile, ca.certPem);
  }
  const names = uniqueNames(options.hostnames);
  if (!currentCertCovers(files.certFile, files.keyFile, names, ca.certPem)) {
    const leaf = await issueServerCert(ca, names);
    writePrivate(files.keyFile, leaf.keyPem);
    fs.writeFileSync(files.certFile, leaf.certPem + ca.certPem);
  }
  return { caFile: files.caFile, certFile: files.certFile, keyFile: files.keyFile, caFingerprint: new crypto.X509Certificate(ca.certPem).fingerprint256 };
}

function operatorTls(certFile: string, keyFile: string, caFile: string | undefined): ServerTls {
  const chain = splitPem(fs.readFileSync(caFile ?? certFile, 'utf8'));
  if (chain.length === 0) throw new Error(`no certificate in ${caFile ?? certFile}`);
  const ca = chain[chain.length - 1];
  return { caFile: caFile ?? certFile, certFile, keyFile, caFingerprint: new crypto.X509Certificate(ca).fingerprint256 };
}

function uniqueNames(hostnames: string[]): string[] {
  return [...new Set(['localhost', '127.0.0.1', ...hostnames.map((h) => h.trim()).filter(Boolean)])];
}

/** The existing leaf is kept while it is signed by this CA, valid for 30 more days and covers every name. */
function currentCertCovers(certFile: string, keyFile: string, names: string[], caPem: string): boolean {
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) return false;
  try {
    const leaf = new crypto.X509Certificate(splitPem(fs.readFileSync(certFile, 'utf8'))[0]);
    if (!leaf.verify(new crypto.X509Certificate(caPem).publicKey)) return false;
    if (Date.parse(leaf.validTo) - Date.now() < 30 * 24 * 3600 * 1000) return false;
    const san = leaf.subjectAltName ?? '';
    return names.every((n) => san.includes(`DNS:${n}`) || san.includes(`IP Address:${n}`));
  } catch {
    return false;
  }
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function writePrivate(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
