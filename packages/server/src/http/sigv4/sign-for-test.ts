// Test helper: signs a request exactly as the AWS SDK does (same signer package, same hash), then
// turns it into the shape the front door hands to verifySigV4.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { SignedRequest } from './verify-sigv4';

export interface TestRequest {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const strictEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export async function signForTest(
  req: TestRequest,
  credentials: TestCredentials,
  signingDate: Date,
  scope: { region?: string; service?: string } = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials,
    region: scope.region ?? 'us-east-1',
    service: scope.service ?? 'ssm',
    sha256: Sha256,
  });
  const body = req.body ?? '';
  const signed = await signer.sign(
    {
      method: req.method ?? 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4100,
      path: req.path ?? '/',
      query: req.query ?? {},
      headers: { host: '127.0.0.1:4100', ...(req.headers ?? {}) },
      body,
    },
    { signingDate },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value);
  const query = Object.entries(req.query ?? {})
    .map(([k, v]) => `${strictEncode(k)}=${strictEncode(v)}`)
    .join('&');
  return { method: signed.method, path: signed.path, query, headers, body: Buffer.from(body) };
}
