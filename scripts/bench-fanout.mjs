#!/usr/bin/env node
// npm run bench:fanout [-- N…]: SendCommand to N simulated nodes that speak the real agent
// protocol (register, signed hello, job-ack/job-output/job-result), for N = 100, 1000, 10000 by
// default. Prints, per N: time until the command is Success, p50/p99 per-invocation latency
// (SendCommand called → node's result sent), the server's CPU time and memory, and the bare
// WebSocket round trip to the same N connections (one heartbeat each) measured in the same run
// as the ratio's base. The server runs in its own process so its CPU and memory are its own.
// `-- --cpu-prof DIR` also writes the server's V8 profile of each fan-out (SendCommand → all Success).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const self = new URL(import.meta.url).pathname;
const ts = (p) => tsImport(path.join(root, p), import.meta.url);
/** --cpu-prof DIR: the server writes a V8 profile of the fan-out alone (SendCommand to all Success). */
let profileDir;


/** The server role: a real Bosun server, an admin, a node role and tagged activations for N nodes. */
async function serve(n) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-bench-fanout-'));
  const { startServer } = await ts('packages/server/src/server.ts');
  const { createLogger } = await ts('packages/server/src/observability/logger.ts');
  const { bootstrapAccount } = await ts('packages/server/src/iam/bootstrap.ts');
  const { ensureNodeRole } = await ts('packages/server/src/agents/index.ts');
  const { CreateActivationCommand, SSMClient } = await import('@aws-sdk/client-ssm');
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' }, createLogger('silent'));
  const boot = await bootstrapAccount(server.context.db, server.context.secrets, {});
  const role = await ensureNodeRole(server.context.db, boot.accountId, 'BenchNodeRole');
  const credentials = { accessKeyId: boot.accessKeyId, secretAccessKey: boot.secretAccessKey };
  const ssm = new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials });
  const activations = [];
  // AWS: one activation registers at most 1000 nodes.
  for (let left = n; left > 0; left -= 1000) {
    const limit = Math.min(1000, left);
    const out = await ssm.send(new CreateActivationCommand({ IamRole: role, RegistrationLimit: limit, Tags: [{ Key: 'bench', Value: 'fanout' }] }));
    activations.push({ id: out.ActivationId, code: out.ActivationCode, limit });
  }
  process.stdout.write(JSON.stringify({ url: server.url, credentials, activations }) + '\n');
  // --cpu-prof DIR: the server's V8 profile of the fan-out alone (first measure to second).
  const profileDir = process.env.BENCH_FANOUT_PROFILE_DIR;
  let profiler;
  let measures = 0;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'measure') {
      globalThis.gc?.();
      if (profileDir && ++measures === 1) {
        const { Session } = await import('node:inspector/promises');
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
        await profiler.post('Profiler.start');
      } else if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        fs.mkdirSync(profileDir, { recursive: true });
        fs.writeFileSync(path.join(profileDir, `fanout-${n}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
        profiler.disconnect();
        profiler = undefined;
      }
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      process.stdout.write(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
    } else if (line === 'quit') break;
  }
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

async function pool(n, width, work) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => { while (next < n) await work(next++); }));
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The driver role: one run per N, each against a fresh server process. */
async function drive(sizes) {
  const { default: WebSocket } = await import('ws');
  const { SendCommandCommand, ListCommandsCommand, SSMClient } = await import('@aws-sdk/client-ssm');
  const protocol = await ts('packages/protocol/src/agent/messages.ts');
  const facts = { platformType: 'Linux', platformName: 'bench', platformVersion: '1', ipAddress: '127.0.0.1', computerName: 'bench', agentVersion: '0.0.0-bench' };
  const rows = [];
  for (const N of sizes.length ? sizes : [100, 1000, 10000]) {
    const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--expose-gc', self, '--server', String(N)], {
      cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...(profileDir ? { BENCH_FANOUT_PROFILE_DIR: profileDir } : {}) },
    });
    const pending = [];
    readline.createInterface({ input: child.stdout }).on('line', (line) => pending.shift()?.(JSON.parse(line)));
    const nextLine = () => new Promise((resolve) => pending.push(resolve));
    const measure = () => { const p = nextLine(); child.stdin.write('measure\n'); return p; };
    try {
      const { url, credentials, activations } = await nextLine();
      process.stderr.write(`N=${N}: registering and connecting…\n`);
      const slots = activations.flatMap((a) => Array.from({ length: a.limit }, () => a));
      const nodes = new Array(N);
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
      const sockets = [];
      let sentAt = 0;
      const latencies = [];
      let onPong;
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
          else if (m.type === 'heartbeat') onPong?.();
          else if (m.type === 'job') {
            // A node that runs `echo ok` instantly: ack, one output chunk, the result.
            const step = m.payload.steps[0]?.name ?? 'runShellScript';
            const now = new Date().toISOString();
            ws.send(JSON.stringify({ type: 'job-ack', jobId: m.jobId }));
            ws.send(JSON.stringify({ type: 'job-output', jobId: m.jobId, stream: 'stdout', seq: 0, data: 'ok\n', step }));
            ws.send(JSON.stringify({ type: 'job-result', jobId: m.jobId, result: { status: 'Success', steps: [{ name: step, action: 'aws:runShellScript', status: 'Success', responseCode: 0, startedAt: now, finishedAt: now }] } }));
            latencies.push(performance.now() - sentAt);
          } else if (m.type === 'refused') reject(new Error(`node ${i} refused: ${m.code}`));
        });
      }));
      // Base: one heartbeat round trip over all N connections.
      let t0 = performance.now();
      await new Promise((resolve) => {
        let n = 0;
        onPong = () => { if (++n === N) resolve(); };
        for (const ws of sockets) ws.send(JSON.stringify({ type: 'heartbeat', sentAt: new Date().toISOString() }));
      });
      const wsRoundMs = performance.now() - t0;
      onPong = undefined;
      const before = await measure();
      const ssm = new SSMClient({ endpoint: url, region: 'us-east-1', credentials });
      t0 = performance.now();
      sentAt = t0;
      const { Command } = await ssm.send(new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:bench', Values: ['fanout'] }], Parameters: { commands: ['echo ok'] }, MaxConcurrency: '100%',
      }));
      let status;
      for (;;) {
        status = (await ssm.send(new ListCommandsCommand({ CommandId: Command.CommandId }))).Commands[0];
        if (!['Pending', 'InProgress'].includes(status.Status)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const allMs = performance.now() - t0;
      const after = await measure();
      latencies.sort((a, b) => a - b);
      rows.push({ N, status: `${status.Status}/${status.CompletedCount}`, allMs, p50: pct(latencies, 50), p99: pct(latencies, 99), cpuMs: after.cpuMs - before.cpuMs, rss: after.rss, wsRoundMs });
      for (const ws of sockets) ws.terminate();
    } catch (err) {
      process.stderr.write(`N=${N}: ${err.message}\n`);
      rows.push({ N, status: `error: ${err.message}` });
    }
    child.stdin.write('quit\n');
    await new Promise((r) => child.once('exit', r));
  }
  const f = (x, d = 0) => (x === undefined ? '-' : x.toFixed(d));
  console.log('N       status          all-Success  p50 ms   p99 ms   server CPU ms  server RSS MiB  WS round ms  ratio');
  for (const r of rows) {
    console.log([String(r.N).padEnd(7), String(r.status).padEnd(15), `${f(r.allMs)} ms`.padStart(11), f(r.p50).padStart(8), f(r.p99).padStart(8),
      f(r.cpuMs).padStart(14), f(r.rss && r.rss / 1048576, 1).padStart(15), f(r.wsRoundMs, 1).padStart(12), f(r.allMs && r.allMs / r.wsRoundMs, 1).padStart(6)].join(' '));
  }
  console.log('aims: 1,000 nodes all Success within 1 s, 10,000 within 5 s; ratio = all-Success time / bare WebSocket round trip to the same N connections');
}

// Last, so every const above is initialised before either role runs.
if (process.argv[2] === '--server') await serve(Number(process.argv[3]));
else {
  const args = process.argv.slice(2);
  const at = args.indexOf('--cpu-prof');
  if (at >= 0) profileDir = path.resolve(args.splice(at, 2)[1]);
  await drive(args.map(Number).filter((n) => n > 0));
}
