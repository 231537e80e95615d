#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a checkout needs no build step.
// A node without the repository runs the bundle instead: `node dist/bosun-agent.mjs`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
