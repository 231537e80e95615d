import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CaPinError, normalizeFingerprint } from './pinned-ca';
import { isLoopbackHost, parseServerUrl } from './server-url';

const HEX = 'ab'.repeat(32);
const NODE_FORM = 'AB:'.repeat(31) + 'AB';

describe('fingerprints and server URLs', () => {
  it('accepts the fingerprint in the forms people paste', () => {
    for (const form of [HEX, HEX.toUpperCase(), NODE_FORM, `sha256:${HEX}`, `SHA256 Fingerprint=${NODE_FORM}`, ` ${NODE_FORM.toLowerCase()}\n`]) {
      assert.equal(normalizeFingerprint(form), NODE_FORM, form);
    }
    assert.throws(() => normalizeFingerprint('ab:cd'), CaPinError);
  });

  it('allows plain http only to loopback', () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.1', '[::1]', 'api.localhost']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['10.0.0.1', 'bosun.example.com', '[2001:db8::1]', '128.0.0.1']) assert.ok(!isLoopbackHost(host), host);
    assert.equal(parseServerUrl('http://127.0.0.1:7070/some/path').href, 'http://127.0.0.1:7070/');
    assert.throws(() => parseServerUrl('http://bosun.example.com'), /only loopback/);
    assert.throws(() => parseServerUrl('ftp://127.0.0.1'), /must be https/);
  });
});
