#!/usr/bin/env node
// Bundles bosun-agent into ONE file, dist/bosun-agent.mjs, that a node runs with plain
// `node bosun-agent.mjs run` — no repository, no node_modules, no tsx.
import path from 'node:path';
import fs from 'node:fs';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// `node scripts/build-agent.mjs <outfile>` writes elsewhere (tests build into a temp dir).
const outfile = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'bosun-agent.mjs'));

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
  external: ['bufferutil', 'utf-8-validate'],
  banner: {
    // ws is CommonJS; bundled into ESM it still calls require() for Node built-ins.
    js: "#!/usr/bin/env node\nimport { createRequire as __bosunCreateRequire } from 'node:module';\nconst require = __bosunCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
fs.chmodSync(outfile, 0o755);
console.log(`built ${path.relative(process.cwd(), outfile)} (${(fs.statSync(outfile).size / 1024).toFixed(0)} KiB)`);
