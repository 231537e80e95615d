import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutputBatcher, type Stream } from './output-batcher';

function collect(options = { intervalMs: 50, maxBytes: 16 }) {
  const frames: Array<[Stream, string]> = [];
  return { frames, batcher: new OutputBatcher((stream, data) => frames.push([stream, data]), options) };
}

describe('OutputBatcher', () => {
  it('holds small writes until the interval passes, then sends them as one frame', async () => {
    const { frames, batcher } = collect();
    for (const c of ['a', 'b', 'c']) batcher.write('stdout', Buffer.from(c));
    assert.deepEqual(frames, []);
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(frames, [['stdout', 'abc']]);
  });

  it('sends at once when the size limit is reached', () => {
    const { frames, batcher } = collect();
    batcher.write('stdout', Buffer.from('0123456789'));
    batcher.write('stdout', Buffer.from('0123456789'));
    assert.deepEqual(frames, [['stdout', '01234567890123456789']]);
    batcher.end();
  });

  it('keeps the order of interleaved stdout and stderr', () => {
    const { frames, batcher } = collect();
    batcher.write('stdout', Buffer.from('out1 '));
    batcher.write('stderr', Buffer.from('err1 '));
    batcher.write('stdout', Buffer.from('out2'));
    batcher.end();
    assert.deepEqual(frames, [['stdout', 'out1 '], ['stderr', 'err1 '], ['stdout', 'out2']]);
  });

  it('never splits a UTF-8 character across frames', () => {
    const { frames, batcher } = collect({ intervalMs: 50, maxBytes: 1 });
    const bytes = Buffer.from('é€');
    for (const byte of bytes) batcher.write('stdout', Buffer.from([byte]));
    batcher.end();
    assert.deepEqual(frames.map(([, d]) => d), ['é', '€']);
  });
});
