#!/usr/bin/env node
// Bundles bosun-agent into ONE file, dist/bosun-agent.mjs, that a node runs with plain
// `node bosun-agent.mjs run` — no repository, no tsx. node-pty (a native addon, for terminal
// sessions) cannot be bundled: its runtime files are copied beside the bundle as
// node_modules/node-pty, where the agent loads it on the first session. Without that directory
// the agent runs everything but terminal sessions (`--no-pty` leaves it out).
import path from 'node:path';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// `node scripts/build-agent.mjs <outfile>` writes elsewhere (tests build into a temp dir).
const args = process.argv.slice(2);
const withPty = !args.includes('--no-pty');
const outfile = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, 'dist', 'bosun-agent.mjs'));

await build({
  stdin: {
    // The entry runs main() like bin/bosun-agent.js does, without tsx.
    contents: "import { main } from './src/main';\nprocess.exitCode = await main(process.argv.slice(2));\n",
    resolveDir: path.join(root, 'packages', 'agent'),
    sourcefile: 'bosun-agent-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile,
  // ws probes for these optional native speed-ups; the agent runs without them.
  external: ['bufferutil', 'utf-8-validate', 'node-pty'],
  banner: {
    // ws is CommonJS; bundled into ESM it still calls require() for Node built-ins.
    js: "#!/usr/bin/env node\nimport { createRequire as __bosunCreateRequire } from 'node:module';\nconst require = __bosunCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
fs.chmodSync(outfile, 0o755);

if (withPty) {
  // What node-pty needs at run time on Linux: its package.json, its JavaScript and the addon.
  const from = path.dirname(createRequire(path.join(root, 'packages', 'agent', 'package.json')).resolve('node-pty/package.json'));
  const to = path.join(path.dirname(outfile), 'node_modules', 'node-pty');
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(path.join(to, 'lib', 'shared'), { recursive: true });
  fs.mkdirSync(path.join(to, 'build', 'Release'), { recursive: true });
  fs.copyFileSync(path.join(from, 'package.json'), path.join(to, 'package.json'));
  fs.copyFileSync(path.join(from, 'LICENSE'), path.join(to, 'LICENSE'));
  for (const dir of ['lib', 'lib/shared']) {
    for (const file of fs.readdirSync(path.join(from, dir))) {
      if (file.endsWith('.js') && !file.endsWith('.test.js')) fs.copyFileSync(path.join(from, dir, file), path.join(to, dir, file));
    }
  }
  fs.copyFileSync(path.join(from, 'build', 'Release', 'pty.node'), path.join(to, 'build', 'Release', 'pty.node'));
}
console.log(`built ${path.relative(process.cwd(), outfile)} (${(fs.statSync(outfile).size / 1024).toFixed(0)} KiB)`);
