import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateNodeKey } from '../identity/node-key';
import { isRegistered, loadRegistration, NotRegisteredError, saveRegistration, UnsafeKeyError, type Registration } from './state-dir';

const REGISTRATION: Registration = {
  instanceId: 'mi-0123456789abcdef0', accountId: '123456789012', region: 'us-east-1',
  serverUrl: 'http://127.0.0.1:7070', activationId: crypto.randomUUID(), registeredAt: new Date().toISOString(),
};
const stateDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'state-')), 'nested', 'state');

describe('the state directory', () => {
  it('stores the registration and key privately and reads them back', () => {
    const dir = stateDir();
    assert.throws(() => loadRegistration(dir), NotRegisteredError);
    const key = generateNodeKey();
    saveRegistration(dir, REGISTRATION, key.privateKeyPem);
    assert.ok(isRegistered(dir));
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    for (const file of fs.readdirSync(dir)) assert.equal(fs.statSync(path.join(dir, file)).mode & 0o777, 0o600);
    const loaded = loadRegistration(dir);
    assert.equal(loaded.instanceId, REGISTRATION.instanceId);
    const signature = crypto.sign(null, Buffer.from('x'), loaded.privateKey);
    assert.ok(crypto.verify(null, Buffer.from('x'), crypto.createPublicKey(key.publicKeyPem), signature));
  });

  it('refuses to use a private key that others can read', () => {
    const dir = stateDir();
    saveRegistration(dir, REGISTRATION, generateNodeKey().privateKeyPem);
    fs.chmodSync(path.join(dir, 'private-key.pem'), 0o644);
    assert.throws(() => loadRegistration(dir), (e: Error) => e instanceof UnsafeKeyError && /chmod 600/.test(e.message));
  });
});
