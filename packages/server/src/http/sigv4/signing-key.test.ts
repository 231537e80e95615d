import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveSigningKey, signingKeyCacheSize, signingKeyFor } from './signing-key';

describe('signingKeyFor', () => {
  it('derives the AWS example signing key', () => {
    // AWS: the documented example key for wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830/us-east-1/iam.
    const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
    assert.equal(key.toString('hex'), 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  });

  it('answers repeated, alternating and rotated keys and scopes as a fresh derivation would', () => {
    const calls: [string, string, string, string, string][] = [
      ['AKIDA', 'secret-a', '20260314', 'us-east-1', 'ssm'],
      ['AKIDA', 'secret-a', '20260314', 'us-east-1', 'ssm'],
      ['AKIDA', 'secret-a', '20260314', 'eu-west-1', 'ssm'],
      ['AKIDA', 'secret-a', '20260314', 'us-east-1', 'ssm'],
      ['AKIDA', 'secret-a', '20260314', 'us-east-1', 'iam'],
      ['AKIDA', 'secret-a', '20260315', 'us-east-1', 'ssm'],
      ['AKIDB', 'secret-b', '20260314', 'us-east-1', 'ssm'],
      ['AKIDA', 'secret-a', '20260314', 'us-east-1', 'ssm'],
      // Rotated: the same key id and scope with another secret must not get the old key.
      ['AKIDA', 'secret-a2', '20260314', 'us-east-1', 'ssm'],
      ['AKIDA', 'secret-a2', '20260314', 'us-east-1', 'ssm'],
      ['AKIDA', 'secret-a', '20260314', 'us-east-1', 'ssm'],
    ];
    for (const [id, secret, date, region, service] of calls) {
      assert.deepEqual(
        signingKeyFor(id, secret, date, region, service),
        deriveSigningKey(secret, date, region, service),
        `${id} ${secret} ${date} ${region} ${service}`,
      );
    }
  });

  it('keeps a bounded number of keys', () => {
    for (let i = 0; i < 600; i++) signingKeyFor(`AKID${i}`, 'secret', '20260314', 'us-east-1', 'ssm');
    assert.equal(signingKeyCacheSize(), 512);
    assert.deepEqual(signingKeyFor('AKID599', 'secret', '20260314', 'us-east-1', 'ssm'), deriveSigningKey('secret', '20260314', 'us-east-1', 'ssm'));
    assert.deepEqual(signingKeyFor('AKID0', 'secret', '20260314', 'us-east-1', 'ssm'), deriveSigningKey('secret', '20260314', 'us-east-1', 'ssm'));
    assert.equal(signingKeyCacheSize(), 512);
  });
});
