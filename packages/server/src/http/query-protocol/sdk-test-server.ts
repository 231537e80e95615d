// Test helper: a throwaway node:http server the real AWS SDK clients can talk to. It records every
// body the SDK sends and answers with whatever the test's responder returns.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  body: string;
}

export interface SdkTestServer {
  endpoint: string;
  /** Raw request bodies, in arrival order. */
  bodies: string[];
  close(): Promise<void>;
}

export async function startSdkTestServer(respond: (body: string) => Reply): Promise<SdkTestServer> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      let reply: Reply;
      try {
        reply = respond(body);
      } catch (e) {
        reply = { status: 500, body: String(e) };
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/xml' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const testClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  maxAttempts: 1,
});
