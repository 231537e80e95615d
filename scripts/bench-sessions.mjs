#!/usr/bin/env node
// npm run bench:sessions [-- --keys N --mb N --rounds N --plugin-mb N --cpu-prof DIR]: Session Manager through a real `bosun up` (server
// and its own bosun-agent process, plain HTTP on loopback):
//  1. keystroke echo: N single-byte writes into `cat` (raw tty, no local echo) in a shell
//     session, each timed from ClientSession.write to the byte coming back; p50/p99 printed,
//     with a bare WebSocket echo on the same machine as the base.
//  2. port forwarding: `bosun port-forward` (the CLI process) to a sink/source on this machine,
//     one TCP stream moving N MB each way; direct loopback TCP to the same sink/source, measured
//     just before each forwarded transfer (rounds alternate), is the base of each ratio; the
//     median of the rounds' ratios is the figure.
//  Both are also measured through plain relay chains (Node processes that only pipe TCP both
//  ways, as many as the real path has): the floor any relay of Bosun's shape has on this machine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bosunBin = path.join(root, 'packages/cli/bin/bosun.js');
const ts = (p) => tsImport(path.join(root, p), import.meta.url);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const KEYS = arg('keys', 2000);
/** --cpu-prof DIR: the server (bosun up) and each bosun port-forward write a V8 profile of their whole run there. */
const profIndex = process.argv.indexOf('--cpu-prof');
const PROF = profIndex > 0 ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.argv[profIndex + 1])] : [];
const MB = arg('mb', 100);
/** --rounds N: direct and forwarded transfers of MB each way, alternated N times; the ratio printed is the median. */
const ROUNDS = arg('rounds', 5);
/**
 * --trace DIR: the server and the agent note when each frame passes each hop (BOSUN_SESSION_TRACE,
 * packages/protocol/src/session/trace.ts) and their GC pauses; the keystroke echo is then split
 * into hops, and the slowest keys are printed hop by hop.
 */
const traceIndex = process.argv.indexOf('--trace');
const TRACE = traceIndex > 0 ? path.resolve(process.argv[traceIndex + 1]) : null;
const benchGc = [];
if (TRACE) {
  fs.rmSync(TRACE, { recursive: true, force: true });
  const { PerformanceObserver, performance } = await import('node:perf_hooks');
  const offset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) benchGc.push({ t: e.startTime + offset, label: `gc ${e.duration.toFixed(3)} kind ${e.detail?.kind}` });
  }).observe({ entryTypes: ['gc'] });
}
/** CPU seconds (user + system) a process and its descendants used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let ticks = Number(fields[11]) + Number(fields[12]);
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) ticks += cpuSeconds(Number(child)) * 100;
    }
    return ticks / 100;
  } catch {
    return 0;
  }
}
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => n.toFixed(3);

async function startBosun() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-bench-sessions-'));
  const env = { ...process.env, ...(TRACE ? { BOSUN_SESSION_TRACE: TRACE } : {}), HOME: home, AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_CONFIG_FILE: path.join(home, 'config'), BOSUN_LOG_LEVEL: 'warn' };
  for (const k of ['AWS_CA_BUNDLE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'BOSUN_DATA_DIR', 'BOSUN_DATABASE_URL', 'BOSUN_PORT']) delete env[k];
  const child = spawn(process.execPath, [...PROF, bosunBin, 'up', '--data-dir', path.join(home, 'data'), '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      const m = /Bosun is up at (\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`bosun up exited ${code}:\n${err}`)));
  });
  child.stderr.resume();
  const ini = fs.readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, 'utf8');
  const credentials = { accessKeyId: /aws_access_key_id = (\S+)/.exec(ini)[1], secretAccessKey: /aws_secret_access_key = (\S+)/.exec(ini)[1] };
  return {
    url, env, credentials, pid: child.pid,
    stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }).then(() => fs.rmSync(home, { recursive: true, force: true })),
  };
}

async function onlineNode(ssm) {
  const { DescribeInstanceInformationCommand } = await import('@aws-sdk/client-ssm');
  for (let i = 0; i < 200; i++) {
    const { InstanceInformationList } = await ssm.send(new DescribeInstanceInformationCommand({}));
    const node = InstanceInformationList?.find((n) => n.PingStatus === 'Online');
    if (node) return node.InstanceId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the local agent did not come online');
}

let keyWindows = [];

/**
 * Reads the hop notes of the server and the agent (--trace) and splits each keystroke's round
 * trip: bench → relay (from-client i), relay → agent (from-server i), agent → PTY and back
 * (pty-data), agent → relay (from-agent o), relay → bench. Prints each hop's p50/p99 and the
 * slowest keys with every note and GC pause of every process inside their window.
 */
function traceReport() {
  const events = [...benchGc.map((e) => ({ ...e, who: 'bench' }))];
  for (const file of fs.readdirSync(TRACE)) {
    const who = file.replace(/\.tsv$/, '');
    for (const line of fs.readFileSync(path.join(TRACE, file), 'utf8').split('\n')) {
      if (!line) continue;
      const [t, label] = line.split('\t');
      events.push({ t: Number(t), label, who });
    }
  }
  events.sort((a, b) => a.t - b.t);
  const hops = ['relay from-client i', 'agent from-server i', 'agent pty-data', 'relay from-agent o'];
  const names = ['bench → relay', 'relay → agent', 'agent → PTY → agent', 'agent → relay', 'relay → bench'];
  const segs = names.map(() => []);
  let at = 0;
  const rows = [];
  for (const w of keyWindows) {
    while (at < events.length && events[at].t < w.t0) at++;
    const inside = [];
    for (let j = at; j < events.length && events[j].t <= w.t1; j++) inside.push(events[j]);
    let prev = w.t0;
    const marks = [];
    let k = 0;
    for (const hop of hops) {
      const e = inside.find((x, idx) => idx >= k && x.label.startsWith(hop));
      if (!e) break;
      k = inside.indexOf(e) + 1;
      marks.push(e.t - prev);
      prev = e.t;
    }
    if (marks.length !== hops.length) continue;
    marks.push(w.t1 - prev);
    marks.forEach((m, i) => segs[i].push(m));
    rows.push({ total: w.t1 - w.t0, marks, inside, t0: w.t0 });
  }
  console.log(`\ntrace: ${rows.length} of ${keyWindows.length} keys matched every hop`);
  for (let i = 0; i < names.length; i++) {
    const s = segs[i].slice().sort((a, b) => a - b);
    console.log(`  ${names[i].padEnd(22)} p50 ${ms(pct(s, 50))}  p90 ${ms(pct(s, 90))}  p99 ${ms(pct(s, 99))}  max ${ms(s[s.length - 1] ?? 0)} ms`);
  }
  const gcs = events.filter((e) => e.label.startsWith('gc '));
  for (const who of new Set(gcs.map((e) => e.who))) {
    const mine = gcs.filter((e) => e.who === who && e.t >= (keyWindows[0]?.t0 ?? 0) && e.t <= (keyWindows.at(-1)?.t1 ?? 0));
    console.log(`  GC in ${who} during the keys: ${mine.length} pauses, ${mine.reduce((n, e) => n + Number(e.label.split(' ')[1]), 0).toFixed(1)} ms`);
  }
  rows.sort((a, b) => b.total - a.total);
  for (const r of rows.slice(0, Number(process.env.TRACE_SHOW ?? 6))) {
    console.log(`  slow key ${ms(r.total)} ms: ${r.marks.map((m, i) => `${names[i]} ${ms(m)}`).join(', ')}`);
    for (const e of r.inside) console.log(`      +${ms(e.t - r.t0)} ${e.who} ${e.label}`);
  }
}

/** Keystroke echo through the relay: one byte at a time into `cat`, timed until it is back. */
async function keystrokes(ssm, instanceId) {
  const { default: WebSocket } = await import('ws');
  const { StartSessionCommand } = await import('@aws-sdk/client-ssm');
  const { ClientSession } = await ts('packages/protocol/src/session/index.ts');
  const started = await ssm.send(new StartSessionCommand({ Target: instanceId, Reason: 'bench:sessions' }));
  const socket = new WebSocket(started.StreamUrl, { perMessageDeflate: false });
  let text = '';
  let waiter = null;
  const session = new ClientSession({
    socket, tokenValue: started.TokenValue,
    onOutput: (b) => { text += Buffer.from(b).toString('latin1'); waiter?.(); },
  });
  await session.ready;
  const until = (check) => new Promise((resolve) => {
    if (check()) return resolve();
    waiter = () => { if (check()) { waiter = null; resolve(); } };
  });
  session.write(Buffer.from('stty raw -echo; echo READY; exec cat\n'));
  await until(() => /READY\r?\n/.test(text.slice(text.indexOf('echo READY') + 10)));
  await new Promise((r) => setTimeout(r, 200));
  const times = [];
  const windows = [];
  for (let i = 0; i < KEYS + 100; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    text = '';
    const t0 = process.hrtime.bigint();
    session.write(Buffer.from(key));
    await until(() => text.includes(key));
    const t1 = process.hrtime.bigint();
    if (i >= 100) {
      times.push(Number(t1 - t0) / 1e6); // the first 100 warm up
      windows.push({ t0: Number(t0) / 1e6, t1: Number(t1) / 1e6 });
    }
  }
  keyWindows = windows;
  session.write(Uint8Array.of(3));
  session.close();
  return times.sort((a, b) => a - b);
}

/**
 * The same measurement with a bare WebSocket echo server: the floor. In this process (no
 * context switch at all), or in a child process (one hop each way; the relay path has six:
 * client → server → agent → PTY → agent → server → client).
 */
async function bareWebSocket(inChild = false) {
  const { default: WebSocket, WebSocketServer } = await import('ws');
  let port;
  let stop;
  if (inChild) {
    const code = `const { WebSocketServer } = require('ws'); const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
      wss.on('connection', (ws) => ws.on('message', (m) => ws.send(m))); wss.on('listening', () => console.log(wss.address().port));`;
    const child = spawn(process.execPath, ['-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    port = await new Promise((r) => child.stdout.once('data', (d) => r(Number(String(d).trim()))));
    stop = () => child.kill();
  } else {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    wss.on('connection', (ws) => ws.on('message', (m) => ws.send(m)));
    await new Promise((r) => wss.once('listening', r));
    port = wss.address().port;
    stop = () => wss.close();
  }
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  const times = [];
  for (let i = 0; i < KEYS + 100; i++) {
    const t0 = process.hrtime.bigint();
    ws.send(Buffer.alloc(121));
    await new Promise((r) => ws.once('message', r));
    if (i >= 100) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ws.close();
  stop();
  return times.sort((a, b) => a - b);
}

/**
 * The floor of any relay with Bosun's shape on this machine: `hops` plain TCP forwarders, each
 * its own Node process doing nothing but `socket.pipe()` both ways to the next, in front of
 * `targetPort`. A forwarded port has three such processes between the client and the target (the
 * CLI, the server, the agent), so every byte crosses four loopback connections where the direct
 * transfer crosses one; the keystroke echo's path has two (server, agent) before the PTY.
 */
async function relayChain(hops, targetPort) {
  const code = `const net = require('node:net'); const next = Number(process.argv[1]);
    const server = net.createServer({ noDelay: true }, (a) => { const b = net.connect({ port: next, host: '127.0.0.1', noDelay: true });
      a.pipe(b); b.pipe(a); a.on('error', () => b.destroy()); b.on('error', () => a.destroy()); });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const children = [];
  let port = targetPort;
  for (let i = 0; i < hops; i++) {
    const child = spawn(process.execPath, ['-e', code, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    port = await new Promise((r) => child.stdout.once('data', (d) => r(Number(String(d).trim()))));
  }
  return { port, pids: children.map((c) => c.pid), stop: () => children.forEach((c) => c.kill()) };
}

/** A TCP echo server in its own process (the `cat` at the end of the keystroke path). */
async function echoProcess() {
  const code = `const s = require('node:net').createServer({ noDelay: true }, (c) => { c.on('data', (d) => c.write(d)); c.on('error', () => {}); });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((r) => child.stdout.once('data', (d) => r(Number(String(d).trim()))));
  return { port, stop: () => child.kill() };
}

/** Single-byte round trips through a plain relay chain to an echo process: the keystroke floor. */
async function chainEcho(hops) {
  const echo = await echoProcess();
  const chain = await relayChain(hops, echo.port);
  const socket = net.connect({ port: chain.port, host: '127.0.0.1', noDelay: true });
  await new Promise((r) => socket.once('connect', r));
  const times = [];
  for (let i = 0; i < KEYS + 100; i++) {
    const t0 = process.hrtime.bigint();
    socket.write('k');
    await new Promise((r) => socket.once('data', r));
    if (i >= 100) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  socket.destroy();
  chain.stop();
  echo.stop();
  return times.sort((a, b) => a - b);
}

/** A TCP server that swallows uploads (reporting when `bytes` arrived) and sends `bytes` on "D". */
async function sinkSource(bytes) {
  const block = Buffer.alloc(64 * 1024, 7);
  let onUpload = null;
  const server = net.createServer((socket) => {
    let got = 0;
    let mode = null;
    socket.on('data', (chunk) => {
      if (mode === null) mode = chunk[0] === 68 /* D */ ? 'download' : 'upload';
      if (mode === 'download') {
        let left = bytes;
        const pump = () => {
          while (left > 0) {
            const n = Math.min(left, block.length);
            left -= n;
            if (!socket.write(n === block.length ? block : block.subarray(0, n))) return socket.once('drain', pump);
          }
          socket.end();
        };
        pump();
        mode = 'sending';
        return;
      }
      if (mode !== 'upload') return;
      got += chunk.length;
      if (got >= bytes) { onUpload?.(); socket.end(); }
    });
    socket.on('error', () => {});
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    close: () => server.close(),
    async upload(port) {
      const data = Buffer.alloc(1024 * 1024, 85);
      const t0 = process.hrtime.bigint();
      const done = new Promise((r) => (onUpload = r));
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((r) => socket.once('connect', r));
      let left = bytes;
      await new Promise((resolve) => {
        const pump = () => {
          while (left > 0) {
            left -= data.length;
            if (!socket.write(data)) return socket.once('drain', pump);
          }
          resolve();
        };
        pump();
      });
      await done;
      socket.destroy();
      return Number(process.hrtime.bigint() - t0) / 1e9;
    },
    async download(port) {
      const t0 = process.hrtime.bigint();
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => {});
      let got = 0;
      await new Promise((resolve) => {
        socket.once('connect', () => socket.write('D'));
        socket.on('data', (c) => { got += c.length; if (got >= bytes) resolve(); });
        socket.on('end', resolve);
      });
      socket.destroy();
      if (got < bytes) throw new Error(`download ended after ${got} of ${bytes} bytes`);
      return Number(process.hrtime.bigint() - t0) / 1e9;
    },
  };
}

async function portForward(bosun, instanceId, port) {
  const child = spawn(process.execPath, [...PROF, bosunBin, 'port-forward', instanceId, '--remote', String(port), '--endpoint-url', bosun.url], { env: bosun.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  for (let i = 0; !/Waiting for connections/.test(out); i++) {
    if (child.exitCode !== null || i > 600) throw new Error(`bosun port-forward did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port: Number(/Port (\d+) opened/.exec(out)[1]), pid: child.pid, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGINT'); }) };
}

/** The unmodified session-manager-plugin through /usr/bin/aws ssm start-session (port forwarding); null when absent. */
async function pluginForward(bosun, instanceId, port) {
  const awsBin = '/usr/bin/aws';
  if (!fs.existsSync(awsBin) || !fs.existsSync('/usr/local/bin/session-manager-plugin')) return null;
  const env = { ...bosun.env, PATH: `/usr/local/bin:${process.env.PATH}` };
  const child = spawn(awsBin, ['--profile', 'bosun', '--endpoint-url', bosun.url, 'ssm', 'start-session', '--target', instanceId,
    '--document-name', 'AWS-StartPortForwardingSession', '--parameters', `portNumber=${port},localPortNumber=0`], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  for (let i = 0; !/Waiting for connections/.test(out); i++) {
    if (child.exitCode !== null || i > 600) throw new Error(`aws ssm start-session did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pids = () => fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return {
    port: Number(/Port (\d+) opened/.exec(out)[1]),
    cpu: () => cpuSeconds(child.pid),
    pluginPids: pids,
    // AWS: the aws CLI ignores Ctrl-C while the plugin runs; a terminal signals the whole group.
    stop: () => new Promise((r) => { child.once('exit', r); process.kill(-child.pid, 'SIGINT'); }),
  };
}

async function main() {
  const { SSMClient } = await import('@aws-sdk/client-ssm');
  process.stderr.write('starting bosun up (server + agent)…\n');
  const bosun = await startBosun();
  try {
    const ssm = new SSMClient({ endpoint: bosun.url, region: 'us-east-1', credentials: bosun.credentials });
    const instanceId = await onlineNode(ssm);
    process.stderr.write(`keystroke echo: ${KEYS} keys…\n`);
    const relay = await keystrokes(ssm, instanceId);
    const bare = await bareWebSocket();
    const bareChild = await bareWebSocket(true);
    const chainKeys = await chainEcho(2);

    const bytes = MB * 1024 * 1024;
    const target = await sinkSource(bytes);
    process.stderr.write(`port forwarding: ${ROUNDS} rounds of ${MB} MB each way, direct and through bosun port-forward in turn…\n`);
    const forward = await portForward(bosun, instanceId, target.port);
    const chain = await relayChain(3, target.port);
    const cpu = () => ({ server: cpuSeconds(bosun.pid), cli: cpuSeconds(forward.pid) });
    // Direct and forwarded transfers alternate, so each ratio compares runs made moments apart:
    // the direct figure alone swings threefold between runs on a shared machine.
    const rounds = [];
    const cpuUsed = { up: { server: 0, cli: 0, chain: 0 }, down: { server: 0, cli: 0, chain: 0 } };
    const timed = async (direction, run) => {
      const a = cpu();
      const seconds = await run();
      const b = cpu();
      cpuUsed[direction].server += b.server - a.server;
      cpuUsed[direction].cli += b.cli - a.cli;
      return seconds;
    };
    for (let i = 0; i < ROUNDS; i++) {
      const directUp = await target.upload(target.port);
      const viaUp = await timed('up', () => target.upload(forward.port));
      const directDown = await target.download(target.port);
      const viaDown = await timed('down', () => target.download(forward.port));
      const chainCpu = () => chain.pids.reduce((n, pid) => n + cpuSeconds(pid), 0);
      const c0 = chainCpu();
      const chainUp = await target.upload(chain.port);
      const c1 = chainCpu();
      const chainDown = await target.download(chain.port);
      cpuUsed.up.chain += c1 - c0;
      cpuUsed.down.chain += chainCpu() - c1;
      rounds.push({ directUp, viaUp, directDown, viaDown, chainUp, chainDown });
    }
    await forward.stop();
    chain.stop();
    target.close();

    const pluginMb = arg('plugin-mb', 20);
    let plugin = null;
    if (pluginMb > 0) {
      const pluginTarget = await sinkSource(pluginMb * 1024 * 1024);
      const pf = await pluginForward(bosun, instanceId, pluginTarget.port);
      if (pf) {
        process.stderr.write(`port forwarding: ${pluginMb} MB each way through the session-manager-plugin…\n`);
        const p0 = { server: cpuSeconds(bosun.pid), plugin: pf.cpu() };
        const up = await pluginTarget.upload(pf.port);
        const p1 = { server: cpuSeconds(bosun.pid), plugin: pf.cpu() };
        const down = await pluginTarget.download(pf.port);
        const p2 = { server: cpuSeconds(bosun.pid), plugin: pf.cpu() };
        plugin = { up, down, p0, p1, p2 };
        await pf.stop();
      }
      pluginTarget.close();
    }

    const mbs = (s) => MB / s;
    console.log(`\nkeystroke echo (${KEYS} single bytes into cat, through ClientSession → relay → agent → PTY and back)`);
    console.log(`  through the relay   p50 ${ms(pct(relay, 50))} ms   p99 ${ms(pct(relay, 99))} ms   max ${ms(relay[relay.length - 1])} ms`);
    console.log(`  bare WebSocket echo p50 ${ms(pct(bare, 50))} ms   p99 ${ms(pct(bare, 99))} ms (same process)`);
    console.log(`  bare WebSocket echo p50 ${ms(pct(bareChild, 50))} ms   p99 ${ms(pct(bareChild, 99))} ms (another process: one hop each way of the relay path's six)`);
    console.log(`  plain relay chain   p50 ${ms(pct(chainKeys, 50))} ms   p99 ${ms(pct(chainKeys, 99))} ms (two pipe-only Node processes to an echo process: the path's processes without the protocol)`);
    console.log(`  aim: p99 < 2 ms — ${pct(relay, 99) < 2 ? 'met' : 'not met'}`);
    console.log(`\nport forwarding (${MB} MB through one connection, ${ROUNDS} rounds, direct and forwarded in turn)`);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    const ratios = { up: rounds.map((r) => r.directUp / r.viaUp), down: rounds.map((r) => r.directDown / r.viaDown) };
    const chainRatios = { up: rounds.map((r) => r.directUp / r.chainUp), down: rounds.map((r) => r.directDown / r.chainDown) };
    for (const [label, via, direct, key] of [['upload  ', 'viaUp', 'directUp', 'up'], ['download', 'viaDown', 'directDown', 'down']]) {
      const each = rounds.map((r) => `${mbs(r[via]).toFixed(0)}/${mbs(r[direct]).toFixed(0)}`).join(' ');
      console.log(`  ${label}  bosun port-forward / direct MB/s per round: ${each}   ratios ${ratios[key].map((x) => x.toFixed(2)).join(' ')}   median ${median(ratios[key]).toFixed(3)}`);
    }
    for (const [label, via, key] of [['upload  ', 'chainUp', 'up'], ['download', 'chainDown', 'down']]) {
      const each = rounds.map((r) => mbs(r[via]).toFixed(0)).join(' ');
      console.log(`  ${label}  plain 3-process relay chain MB/s per round: ${each}   ratio to direct, median ${median(chainRatios[key]).toFixed(3)}   bosun / chain ${(median(ratios[key]) / median(chainRatios[key])).toFixed(2)}`);
    }
    const perMb = (direction, k) => ((cpuUsed[direction][k] * 1000) / (MB * ROUNDS)).toFixed(1);
    console.log(`  CPU per MB: upload server+agent ${perMb('up', 'server')} ms, CLI ${perMb('up', 'cli')} ms; download server+agent ${perMb('down', 'server')} ms, CLI ${perMb('down', 'cli')} ms; the plain chain's three processes: upload ${perMb('up', 'chain')} ms, download ${perMb('down', 'chain')} ms; load average ${os.loadavg()[0].toFixed(1)}`);
    if (plugin) {
      const pm = arg('plugin-mb', 20);
      const per = (a, b, k) => ((b[k] - a[k]) * 1000 / pm).toFixed(1);
      console.log(`  session-manager-plugin (${pm} MB): upload ${(pm / plugin.up).toFixed(1)} MB/s, download ${(pm / plugin.down).toFixed(1)} MB/s; CPU per MB server+agent ${per(plugin.p0, plugin.p1, 'server')} / ${per(plugin.p1, plugin.p2, 'server')} ms, aws+plugin ${per(plugin.p0, plugin.p1, 'plugin')} / ${per(plugin.p1, plugin.p2, 'plugin')} ms`);
    }
    console.log(`  aim: median ratio ≥ 0.5 each way — ${Math.min(median(ratios.up), median(ratios.down)) >= 0.5 ? 'met' : 'not met'}`);
  } finally {
    await bosun.stop();
  }
  if (TRACE) traceReport();
  process.exit(0);
}

await main();
