#!/usr/bin/env node
// npm run bench:agents [-- N]: connects N (default 1000) lightweight agents that speak the real
// protocol (register with an activation, signed hello, heartbeats) to a real Bosun server in
// another process, and prints the server's memory per connected agent.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { tsImport } from 'tsx/esm/api';
import WebSocket from 'ws';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const N = Number(process.argv[2] ?? process.env.BENCH_AGENTS ?? 1000);
const protocol = await tsImport(path.join(root, 'packages/protocol/src/agent/messages.ts'), import.meta.url);

const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'packages/server/src/agents/testing/bench-server.ts'), String(N)], {
  cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BOSUN_LOG_LEVEL: 'silent' },
});
const lines = readline.createInterface({ input: child.stdout });
const pending = [];
lines.on('line', (line) => pending.shift()?.(JSON.parse(line)));
const nextLine = () => new Promise((resolve) => pending.push(resolve));
const measure = () => { const p = nextLine(); child.stdin.write('measure\n'); return p; };

/** Runs `work(i)` for i < n, at most `width` at a time. */
async function pool(n, width, work) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => { while (next < n) await work(next++); }));
}

const facts = { platformType: 'Linux', platformName: 'bench', platformVersion: '1', ipAddress: '127.0.0.1', computerName: 'bench', agentVersion: '0.0.0-bench' };
const { url, activations } = await nextLine();
console.log(`server ${url}; registering ${N} nodes…`);
const slots = activations.flatMap((a) => Array.from({ length: a.limit }, () => a));
const nodes = new Array(N);
let t0 = performance.now();
await pool(N, 32, async (i) => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const res = await fetch(`${url}${protocol.REGISTER_PATH}`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ activationId: slots[i].id, activationCode: slots[i].code, publicKey: publicKey.export({ type: 'spki', format: 'pem' }), facts }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`registration ${i} failed: ${JSON.stringify(body)}`);
  nodes[i] = { instanceId: body.instanceId, privateKey };
});
const registerMs = performance.now() - t0;
const before = await measure();

const sockets = [];
t0 = performance.now();
await pool(N, 64, (i) => new Promise((resolve, reject) => {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + protocol.CHANNEL_PATH, { perMessageDeflate: false });
  sockets.push(ws);
  ws.on('error', reject);
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.type === 'challenge') {
      const timestamp = new Date().toISOString();
      const signature = crypto.sign(null, Buffer.from(protocol.helloSigningString(m.nonce, nodes[i].instanceId, timestamp)), nodes[i].privateKey).toString('base64');
      ws.send(JSON.stringify({ type: 'hello', instanceId: nodes[i].instanceId, timestamp, signature, facts, protocolVersion: protocol.CHANNEL_PROTOCOL_VERSION }));
    } else if (m.type === 'welcome') resolve();
    else if (m.type === 'refused') reject(new Error(`node ${i} refused: ${m.code} ${m.message}`));
  });
}));
const connectMs = performance.now() - t0;

t0 = performance.now();
let acked = 0;
await new Promise((resolve) => {
  for (const ws of sockets) {
    ws.once('message', () => { if (++acked === N) resolve(); });
    ws.send(JSON.stringify({ type: 'heartbeat', sentAt: new Date().toISOString() }));
  }
});
const heartbeatMs = performance.now() - t0;
const after = await measure();

const mib = (b) => (b / 1024 / 1024).toFixed(1);
const kib = (b) => (b / 1024).toFixed(1);
console.log(`registered ${N} nodes in ${(registerMs / 1000).toFixed(1)} s; ${after.connected} connected in ${(connectMs / 1000).toFixed(1)} s; one heartbeat round in ${heartbeatMs.toFixed(0)} ms`);
console.log(`server RSS ${mib(before.rss)} MiB → ${mib(after.rss)} MiB; heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)} MiB`);
console.log(`server memory per connected agent: RSS ${kib((after.rss - before.rss) / N)} KiB, JS heap ${kib((after.heapUsed - before.heapUsed) / N)} KiB`);
for (const ws of sockets) ws.terminate();
child.stdin.write('quit\n');
await new Promise((r) => child.once('exit', r));
process.exit(after.connected === N ? 0 : 1);
