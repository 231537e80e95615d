import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialCache } from './credential-cache';
import type { ResolvedCredentials } from '../iam/credentials';

const found = { secretAccessKey: 's', principal: {} } as ResolvedCredentials;

describe('CredentialCache', () => {
  it('peeks at a fresh entry, a remembered unknown key included, and not at a stale one', async (t) => {
    let clock = 1_000_000;
    t.mock.method(Date, 'now', () => clock);
    const cache = new CredentialCache(5_000, 1_000);
    assert.equal(cache.peek('AKIDA'), undefined);
    assert.equal(await cache.get('AKIDA', async () => found), found);
    assert.equal(await cache.get('AKIDB', async () => undefined), undefined);
    assert.equal(await cache.get('AKIDC', async () => ({ inactive: true })).then((v) => v && 'inactive' in v), true);
    assert.equal(cache.peek('AKIDA')?.value, found);
    assert.ok(cache.peek('AKIDB'), 'an unknown key is remembered');
    assert.equal(cache.peek('AKIDB')?.value, undefined);
    assert.deepEqual(cache.peek('AKIDC')?.value, { inactive: true });

    clock += 1_000; // past the negative TTL, within the TTL
    assert.equal(cache.peek('AKIDA')?.value, found);
    assert.equal(cache.peek('AKIDB'), undefined);
    clock += 4_000;
    assert.equal(cache.peek('AKIDA'), undefined);
    assert.equal(cache.peek('AKIDC'), undefined);

    // get loads again what peek no longer sees, and peek sees the new answer.
    let loads = 0;
    const again = { ...found, secretAccessKey: 'rotated' };
    assert.equal(await cache.get('AKIDA', async () => (loads++, again)), again);
    assert.equal(await cache.get('AKIDA', async () => (loads++, found)), again);
    assert.equal(loads, 1);
    assert.equal(cache.peek('AKIDA')?.value, again);
    cache.clear();
    assert.equal(cache.peek('AKIDA'), undefined);
  });
});
