// Shapes the IAM/STS inputs do not use (maps, timestamps, blobs, nested lists) on a small model.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FormReader } from './form-reader';
import type { Shape } from './service-models';

const shapes: Record<string, Shape> = {
  Input: {
    type: 'structure',
    members: {
      Labels: { shape: 'LabelMap' },
      At: { shape: 'When' },
      Blob: { shape: 'Bytes' },
      Matrix: { shape: 'Rows' },
      Inner: { shape: 'Inner' },
    },
  },
  Inner: { type: 'structure', members: { Name: { shape: 'Text' }, Deep: { shape: 'Inner2' } } },
  Inner2: { type: 'structure', members: { Flag: { shape: 'Flag' } } },
  LabelMap: { type: 'map', key: { shape: 'Text' }, value: { shape: 'Text' } },
  Rows: { type: 'list', member: { shape: 'Row' } },
  Row: { type: 'list', member: { shape: 'Count' } },
  When: { type: 'timestamp' },
  Bytes: { type: 'blob' },
  Text: { type: 'string' },
  Flag: { type: 'boolean' },
  Count: { type: 'integer' },
};

const read = (body: string) => new FormReader(shapes, new Map(new URLSearchParams(body))).readInput('Input');

describe('FormReader', () => {
  it('reads maps, timestamps, blobs, nested lists and structures', () => {
    const input = read(
      [
        'Labels.entry.1.key=a', 'Labels.entry.1.value=1', 'Labels.entry.2.key=b', 'Labels.entry.2.value=2',
        'At=2026-01-02T03:04:05Z', `Blob=${Buffer.from('hi').toString('base64')}`,
        'Matrix.member.1.member.1=1', 'Matrix.member.1.member.2=2', 'Matrix.member.2.member.1=3',
        'Inner.Name=n', 'Inner.Deep.Flag=true',
      ].join('&'),
    );
    assert.deepEqual(input, {
      Labels: { a: '1', b: '2' },
      At: new Date('2026-01-02T03:04:05Z'),
      Blob: Buffer.from('hi'),
      Matrix: [[1, 2], [3]],
      Inner: { Name: 'n', Deep: { Flag: true } },
    });
  });

  it('orders list members by index, not by position in the body', () => {
    assert.deepEqual(read('Matrix.member.2.member.1=2&Matrix.member.1.member.10=10&Matrix.member.1.member.9=9').Matrix, [[9, 10], [2]]);
  });

  it('leaves out what was not sent', () => {
    assert.deepEqual(read(''), {});
  });

  it('accepts epoch seconds for timestamps', () => {
    assert.deepEqual(read('At=1700000000').At, new Date(1_700_000_000_000));
  });
});
