import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeNextToken, encodeNextToken } from './paging';
import { AwsError } from './errors';

it('round-trips a position and refuses altered or foreign tokens', () => {
  const token = encodeNextToken('ssm:DescribeParameters:123456789012', { after: '/app/db' });
  assert.deepEqual(decodeNextToken(token, 'ssm:DescribeParameters:123456789012'), { after: '/app/db' });
  assert.throws(() => decodeNextToken(token, 'ssm:DescribeParameters:999999999999'), (e) => e instanceof AwsError && e.code === 'InvalidNextToken');
  const forged = Buffer.from(JSON.stringify({ s: 'ssm:DescribeParameters:123456789012', p: { after: '/zzz' } })).toString('base64url') + '.' + token.split('.')[1];
  assert.throws(() => decodeNextToken(forged, 'ssm:DescribeParameters:123456789012'), (e) => e instanceof AwsError && e.code === 'InvalidNextToken');
  assert.throws(() => decodeNextToken('garbage', 'x', 'InvalidNextTokenException'), (e) => e instanceof AwsError && e.code === 'InvalidNextTokenException');
});
