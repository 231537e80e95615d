import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { isPlainRemote } from './transport';

const req = (remoteAddress: string, opts: { encrypted?: boolean; proto?: string } = {}) =>
  ({ socket: { remoteAddress, encrypted: opts.encrypted }, headers: opts.proto ? { 'x-forwarded-proto': opts.proto } : {} }) as unknown as IncomingMessage;

describe('agent transport rule: plain only on loopback', () => {
  it('accepts loopback in the clear and anything over TLS', () => {
    assert.equal(isPlainRemote(req('127.0.0.1')), false);
    assert.equal(isPlainRemote(req('::1')), false);
    assert.equal(isPlainRemote(req('::ffff:127.0.0.1')), false);
    assert.equal(isPlainRemote(req('203.0.113.9', { encrypted: true })), false);
  });

  it('refuses other machines in the clear, even claiming https, unless a trusted proxy says so', () => {
    assert.equal(isPlainRemote(req('203.0.113.9')), true);
    assert.equal(isPlainRemote(req('203.0.113.9', { proto: 'https' })), true);
    assert.equal(isPlainRemote(req('10.0.0.2', { proto: 'https' }), '10.0.0.2'), false);
    assert.equal(isPlainRemote(req('10.0.0.3', { proto: 'https' }), '10.0.0.2'), true);
    assert.equal(isPlainRemote(req('10.0.0.2', { proto: 'http' }), true), true);
    assert.equal(isPlainRemote(req('10.0.0.2', { proto: 'https' }), true), false);
  });
});
