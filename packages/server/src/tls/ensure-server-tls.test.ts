import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ensureServerTls } from './ensure-server-tls';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-tls-'));

/** GETs over TLS trusting only `ca`; resolves the status or rejects with the TLS error. */
function getWithCa(port: number, host: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port, ca, path: '/', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('ensureServerTls', () => {
  it('creates a CA (key 0600) and a server certificate for localhost, 127.0.0.1 and the given names', async () => {
    const dir = tmp();
    const tls = await ensureServerTls(dir, { hostnames: ['bosun.example.internal', '10.1.2.3'] });
    assert.equal(fs.statSync(path.join(dir, 'tls', 'ca-key.pem')).mode & 0o777, 0o600);
    assert.equal(fs.statSync(tls.keyFile).mode & 0o777, 0o600);
    const leaf = new crypto.X509Certificate(fs.readFileSync(tls.certFile));
    for (const name of ['DNS:localhost', 'IP Address:127.0.0.1', 'DNS:bosun.example.internal', 'IP Address:10.1.2.3']) {
      assert.ok(leaf.subjectAltName?.includes(name), `${name} in ${leaf.subjectAltName}`);
    }
    const ca = new crypto.X509Certificate(fs.readFileSync(tls.caFile));
    assert.ok(ca.ca);
    assert.ok(leaf.verify(ca.publicKey));
    // The fingerprint is the one openssl prints for the CA file.
    const openssl = execFileSync('openssl', ['x509', '-in', tls.caFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    assert.equal(openssl.trim().split('=')[1], tls.caFingerprint);
  });

  it('keeps its CA and certificate across calls, and reissues only the leaf for a new name', async () => {
    const dir = tmp();
    const first = await ensureServerTls(dir, { hostnames: [] });
    const leaf1 = fs.readFileSync(first.certFile, 'utf8');
    const again = await ensureServerTls(dir, { hostnames: [] });
    assert.equal(again.caFingerprint, first.caFingerprint);
    assert.equal(fs.readFileSync(again.certFile, 'utf8'), leaf1);
    const widened = await ensureServerTls(dir, { hostnames: ['node-gw.lan'] });
    assert.equal(widened.caFingerprint, first.caFingerprint);
    assert.notEqual(fs.readFileSync(widened.certFile, 'utf8'), leaf1);
  });

  it('serves HTTPS that verifies against the pinned CA only', async () => {
    const dir = tmp();
    const tls = await ensureServerTls(dir, { hostnames: ['bosun.test'] });
    const server = https.createServer({ cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile) }, (_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const ca = fs.readFileSync(tls.caFile, 'utf8');
      assert.equal(await getWithCa(port, 'bosun.test', ca), 200);
      assert.equal(await getWithCa(port, '127.0.0.1', ca), 200);
      const otherCa = fs.readFileSync((await ensureServerTls(tmp(), { hostnames: [] })).caFile, 'utf8');
      await assert.rejects(getWithCa(port, 'bosun.test', otherCa), /self[- ]signed|unable to verify|certificate/i);
      await assert.rejects(getWithCa(port, 'not-covered.test', ca), /altnames|does not match|Hostname/i);
    } finally {
      server.close();
    }
  });

  it("uses the operator's certificate and key as given", async () => {
    const dir = tmp();
    const made = await ensureServerTls(tmp(), { hostnames: [] });
    const tls = await ensureServerTls(dir, { hostnames: [], certFile: made.certFile, keyFile: made.keyFile });
    assert.equal(tls.certFile, made.certFile);
    assert.equal(tls.keyFile, made.keyFile);
    // The chain's last certificate is the CA the agents pin.
    assert.equal(tls.caFingerprint, made.caFingerprint);
    assert.equal(fs.existsSync(path.join(dir, 'tls')), false);
  });
});
