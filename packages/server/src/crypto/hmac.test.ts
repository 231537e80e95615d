import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { it } from 'node:test';
import { hmacSha256Hex } from './hmac';

it('matches RFC 4231 test cases 1, 2, 6 and 7 (a key longer than the block is hashed first)', () => {
  assert.equal(hmacSha256Hex(Buffer.alloc(20, 0x0b), 'Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  assert.equal(hmacSha256Hex(Buffer.from('Jefe'), 'what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.equal(
    hmacSha256Hex(Buffer.alloc(131, 0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First'),
    '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  );
  assert.equal(
    hmacSha256Hex(Buffer.alloc(131, 0xaa), 'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
    '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  );
});

it('agrees with createHmac for keys of 0 to 100 bytes and messages of every size up to a few blocks, reused keys included', () => {
  const keys = Array.from({ length: 101 }, (_, n) => crypto.randomBytes(n));
  for (let round = 0; round < 3; round++) {
    for (const key of keys) {
      const message = `${crypto.randomBytes(key.length * 3).toString('base64')} ünïcödé ✓ ${'x'.repeat(key.length)}`;
      assert.equal(hmacSha256Hex(key, message), crypto.createHmac('sha256', key).update(message).digest('hex'), `key of ${key.length} bytes`);
    }
  }
  assert.equal(hmacSha256Hex(keys[32], ''), crypto.createHmac('sha256', keys[32]).update('').digest('hex'));
});
