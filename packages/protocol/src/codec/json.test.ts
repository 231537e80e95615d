import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Output } from '../index';
import { encodeJsonError, encodeJsonOutput } from './json';

describe('JSON 1.1 codec', () => {
  it('writes timestamps as epoch seconds with milliseconds, blobs as base64, drops undefined', () => {
    const out: Output<'GetParameter'> = {
      Parameter: { Name: 'n', Value: 'v', LastModifiedDate: new Date('2024-01-02T03:04:05.678Z'), Version: undefined },
    };
    assert.equal(encodeJsonOutput(out), '{"Parameter":{"Name":"n","Value":"v","LastModifiedDate":1704164645.678}}');
    assert.equal(encodeJsonOutput({ CiphertextBlob: new Uint8Array([104, 105]), Key: Buffer.from('hi') }),
      '{"CiphertextBlob":"aGk=","Key":"aGk="}');
  });

  it('keeps whole-second timestamps as plain numbers and nested lists intact', () => {
    assert.equal(encodeJsonOutput({ T: [new Date(1_700_000_000_000)], M: { a: [1, undefined, 2] } }), '{"T":[1700000000],"M":{"a":[1,2]}}');
  });

  it('an empty output is {}', () => {
    assert.equal(encodeJsonOutput(undefined), '{}');
    assert.equal(encodeJsonOutput({}), '{}');
  });

  it('error bodies carry __type and message; no message when AWS sends none', () => {
    assert.deepEqual(JSON.parse(encodeJsonError('ParameterNotFound', 'gone')), { __type: 'ParameterNotFound', message: 'gone' });
    assert.deepEqual(JSON.parse(encodeJsonError('SerializationException', '')), { __type: 'SerializationException' });
    assert.deepEqual(JSON.parse(encodeJsonError('X', 'm', { ReasonCode: 'R' })), { ReasonCode: 'R', __type: 'X', message: 'm' });
  });
});
