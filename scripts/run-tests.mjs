#!/usr/bin/env node
// Runs every *.test.ts under packages/ with Node's own test runner (TypeScript through tsx).
// Arguments narrow the run: `node scripts/run-tests.mjs iam sigv4` runs files whose path
// contains "iam" or "sigv4".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const filters = process.argv.slice(2);

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = walk(path.join(root, 'packages'), [])
  .map((f) => path.relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    // A test file whose test left a process or socket behind must still end, and one stuck
    // test must fail rather than hold CI until its deadline.
    '--test-force-exit', '--test-timeout=300000',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
);
process.exit(result.status ?? 1);
