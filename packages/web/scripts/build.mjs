#!/usr/bin/env node
// Builds the console into packages/web/dist with Vite. `--if-stale` builds only when dist is
// missing or older than a source file, so `npm start` and `npm test` pay for it once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '../..');
const stamp = path.join(web, 'dist', '.build-stamp');
const inputs = [
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.ts'),
  path.join(web, 'package.json'),
  path.join(web, 'src'),
  // The session client the Sessions page bundles.
  path.join(root, 'packages/protocol/src/session'),
  path.join(root, 'package-lock.json'),
];

function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

export function consoleIsStale() {
  if (!fs.existsSync(path.join(web, 'dist', 'index.html')) || !fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return inputs.some((p) => newest(p) > built);
}

export function buildConsole({ ifStale = false, quiet = false } = {}) {
  if (ifStale && !consoleIsStale()) return;
  const started = Date.now();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', quiet ? 'warn' : 'info'], { cwd: web, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  fs.writeFileSync(stamp, new Date().toISOString() + '\n');
  if (!quiet || ifStale) process.stderr.write(`Built the web console in ${((Date.now() - started) / 1000).toFixed(1)} s (packages/web/dist).\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    buildConsole({ ifStale: process.argv.includes('--if-stale'), quiet: process.argv.includes('--quiet') });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
