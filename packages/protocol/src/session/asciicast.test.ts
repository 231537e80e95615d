import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsciicastWriter, asciicastOutput, parseAsciicast } from './asciicast';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('asciicast v2', () => {
  it('holds early events until the first resize sizes the header, then writes in order', () => {
    const w = new AsciicastWriter({ timestamp: 1700000000, env: { TERM: 'xterm-256color' }, title: 't' }, 1000);
    let text = w.output(bytes('$ '), 1250);
    assert.equal(text, '', 'held for the size');
    text += w.resize(100, 30, 1500);
    text += w.input(bytes('ls\r'), 2000);
    text += w.output(bytes('a  b\r\n'), 2001.5);
    text += w.finish();
    const cast = parseAsciicast(text);
    assert.deepEqual(cast.header, { version: 2, width: 100, height: 30, timestamp: 1700000000, env: { TERM: 'xterm-256color' }, title: 't' });
    assert.deepEqual(cast.events, [[0.25, 'o', '$ '], [0.5, 'r', '100x30'], [1, 'i', 'ls\r'], [1.002, 'o', 'a  b\r\n']]);
    assert.equal(asciicastOutput(cast), '$ a  b\r\n');
  });

  it('keeps a character split across chunks whole, and falls back to 80x24 without a resize', () => {
    const w = new AsciicastWriter({}, 0);
    const euro = bytes('€');
    const text = w.output(euro.subarray(0, 2), 1) + w.output(euro.subarray(2), 2) + w.finish();
    const cast = parseAsciicast(text);
    assert.deepEqual([cast.header.width, cast.header.height], [80, 24]);
    assert.deepEqual(cast.events, [[0.002, 'o', '€']]);
  });

  it('refuses what is not asciicast v2', () => {
    assert.throws(() => parseAsciicast(''), /empty/);
    assert.throws(() => parseAsciicast('{"version":1}\n'), /version 1/);
    assert.throws(() => parseAsciicast('{"version":2,"width":1,"height":1}\n{"x":1}\n'), /event 1/);
  });
});
