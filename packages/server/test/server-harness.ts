/**
 * A real Bosun server in this process on a free port, with a fresh data directory (SQLite by
 * default, or the PostgreSQL URL given), and the admin credentials `bosun init` would create.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { startServer, type RunningServer } from '../src/server';
import { createLogger } from '../src/observability/logger';
import { bootstrapAccount } from '../src/iam/bootstrap';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  dataDir: string;
  admin: Credentials & { accountId: string; userArn: string };
  close(): Promise<void>;
}

export async function startTestServer(options: { databaseUrl?: string } = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-server-'));
  const server = await startServer(
    { dataDir, databaseUrl: options.databaseUrl, port: 0, host: '127.0.0.1' },
    createLogger(process.env.BOSUN_TEST_LOG_LEVEL ?? 'error'),
  );
  const boot = await bootstrapAccount(server.context.db, server.context.secrets, {});
  return {
    url: server.url,
    server,
    dataDir,
    admin: { ...boot },
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SignedCall {
  url: string;
  credentials: Credentials;
  /** JSON services: the X-Amz-Target; omitted for Query services (form body). */
  target?: string;
  body: string;
  service: string;
  region?: string;
  /** Sign as if the clock said this. */
  signingDate?: Date;
  contentType?: string;
  /** Change the request after signing (to tamper with it). */
  afterSigning?: (req: { headers: Record<string, string>; body: string }) => void;
}

/** Signs a request the way the AWS SDKs do and sends it; returns status, headers and body text. */
export async function signedFetch(call: SignedCall): Promise<{ status: number; headers: Headers; text: string; json(): any }> {
  const url = new URL(call.url);
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': call.contentType ?? (call.target ? 'application/x-amz-json-1.1' : 'application/x-www-form-urlencoded; charset=utf-8'),
  };
  if (call.target) headers['x-amz-target'] = call.target;
  const signer = new SignatureV4({ credentials: call.credentials, region: call.region ?? 'us-east-1', service: call.service, sha256: Sha256 });
  const request = { method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body: call.body };
  const signed = await signer.sign(request, { signingDate: call.signingDate });
  const out = { headers: { ...(signed.headers as Record<string, string>) }, body: call.body };
  call.afterSigning?.(out);
  delete out.headers.host;
  const response = await fetch(`${url.origin}/`, { method: 'POST', headers: out.headers, body: out.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/**
 * The text of a SQLite server's audit journal files (audit/journal.ts), for tests that check a
 * secret reaches no stored copy of the audit log; '' where there is no journal.
 */
export function auditJournalText(dataDir: string): string {
  const dir = path.join(dataDir, 'audit-journal');
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')).join('');
}
