import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HIDDEN, redact } from './redact';

describe('redact', () => {
  it('hides the values at listed paths and leaves the rest alone', () => {
    const input = { Name: '/db/pw', Value: 's3cret', Type: 'SecureString', Tags: [{ Key: 'env', Value: 'prod' }] };
    assert.deepEqual(redact(input, ['Value']), { Name: '/db/pw', Value: HIDDEN, Type: 'SecureString', Tags: [{ Key: 'env', Value: 'prod' }] });
  });

  it('a * segment matches every array element and map key', () => {
    const input = { Parameters: [{ Name: 'a', Value: 'x' }, { Name: 'b', Value: 'y' }], Map: { one: { Value: 1 }, two: { Value: 2 } } };
    assert.deepEqual(redact(input, ['Parameters.*.Value', 'Map.*.Value']), {
      Parameters: [{ Name: 'a', Value: HIDDEN }, { Name: 'b', Value: HIDDEN }],
      Map: { one: { Value: HIDDEN }, two: { Value: HIDDEN } },
    });
  });

  it('hides members whose name says they are secret, at any depth and in any case', () => {
    const output = {
      AccessKey: { AccessKeyId: 'AKIA1', SecretAccessKey: 'wJalr' },
      credentials: { sessionToken: 'FwoG', Expiration: 1 },
      KeyId: 'k', Plaintext: 'cGxhaW4=', CiphertextBlob: 'AQID', TokenValue: 'tok',
    };
    assert.deepEqual(redact(output, []), {
      AccessKey: { AccessKeyId: 'AKIA1', SecretAccessKey: HIDDEN },
      credentials: { sessionToken: HIDDEN, Expiration: 1 },
      KeyId: 'k', Plaintext: HIDDEN, CiphertextBlob: HIDDEN, TokenValue: HIDDEN,
    });
  });

  it('hides a whole subtree when the path names an object, and ignores paths that do not exist', () => {
    assert.deepEqual(redact({ Parameters: { commands: ['echo hi'] } }, ['Parameters', 'Nope.Value']), { Parameters: HIDDEN });
  });

  it('does not change the value it was given', () => {
    const input = { Value: 'v', Password: 'p' };
    redact(input, ['Value']);
    assert.deepEqual(input, { Value: 'v', Password: 'p' });
  });

  it('leaves scalars and null alone', () => {
    assert.equal(redact('x', ['Value']), 'x');
    assert.equal(redact(null, ['Value']), null);
  });
});
