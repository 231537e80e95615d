/**
 * `bosun … | head`: when the reader of its output goes away, bosun stops quietly with status 0,
 * as Unix tools do, rather than printing an EPIPE stack.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';

const BOSUN = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../bin/bosun.js');

it('a closed output pipe ends `bosun ops coverage --missing` quietly', async () => {
  const child = spawn(process.execPath, [BOSUN, 'ops', 'coverage', '--missing'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Read the first line, then hang up, as `head -1` does.
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).split('\n')[0])));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.match(first, /^ssm +\d+\/\d+ operations implemented/);
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE/);
});
