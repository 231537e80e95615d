/**
 * Prints the idle memory (RSS) of a real bosun-agent process, connected and heartbeating:
 * the one-file bundle as a node runs it, and the tsx dev entry for comparison.
 * Run: node --import tsx packages/agent/scripts/idle-rss.ts   (after `npm run build:agent`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { agentCommand, AGENT_BIN, runAgentProcess, tempStateDir } from '../test/agent-process';
import { FakeServer, waitFor } from '../test/fake-server';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const bundle = path.join(repo, 'dist/bosun-agent.mjs');
const IDLE_MS = Number(process.env.IDLE_MS ?? 10_000);

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]);
}

const server = await new FakeServer({ heartbeatSeconds: 1 }).start();
for (const [label, bin] of [['bundle (dist/bosun-agent.mjs)', bundle], ['tsx (bin/bosun-agent.js)', AGENT_BIN]] as const) {
  if (!fs.existsSync(bin)) {
    console.log(`${label}: missing, run npm run build:agent`);
    continue;
  }
  const activation = server.addActivation();
  const dir = tempStateDir();
  const registered = await agentCommand(['register', '--url', server.url, '--activation-id', activation.id, '--activation-code', activation.code, '--state-dir', dir], {}, bin);
  const id = /registered as (mi-\w+)/.exec(registered.stdout)![1];
  const agent = runAgentProcess(dir, ['--log-level', 'warn'], bin);
  await waitFor('online', () => server.online().includes(id));
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const heartbeats = server.nodes.get(id)!.heartbeats;
  console.log(`${label}: idle RSS ${(rssKiB(agent.child.pid!) / 1024).toFixed(1)} MiB after ${IDLE_MS / 1000}s online (${heartbeats} heartbeats)`);
  await agent.stop();
}
await server.stop();
