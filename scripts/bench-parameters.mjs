#!/usr/bin/env node
// Signed GetParameter requests per second against a real `bosun server` process, next to a
// bare node:http server answering a fixed body, measured in one run with the same client, the
// same pre-signed request and the same concurrency. Prints both rates and their ratio.
//   npm run bench:parameters [-- --seconds 4 --rounds 5 --concurrency 32 --warmup 1 --cpu-prof DIR --no-breakdown]
// The two servers are measured in turn, --rounds times, and the median of the rounds' ratios is
// the figure: on a shared machine the bare server's own rate swings by half between runs (5,700
// to 8,800 req/s on one VM in one hour), so a median of three still moved by ±0.05.
// --cpu-prof DIR writes the bosun server's V8 CPU profiles (open them in Chrome DevTools) to DIR:
// one per thread (the serving thread, the audit writer's, tsx's module loader).
// --no-breakdown skips the per-stage timings printed after the rates.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bosun = path.join(root, 'packages/cli/bin/bosun.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 4);
const rounds = arg('rounds', 5);
const concurrency = arg('concurrency', 32);
const warmup = arg('warmup', 1);
const profileAt = process.argv.indexOf('--cpu-prof');
const profileDir = profileAt > 0 ? path.resolve(process.argv[profileAt + 1]) : undefined;

function waitForLine(child, pattern) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += String(chunk);
      const m = pattern.exec(seen);
      if (m) resolve(m[1]);
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`process exited (${code}): ${seen}`)));
  });
}

async function signed(url, credentials, target, body) {
  const u = new URL(url);
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'ssm', sha256: Sha256 });
  const req = await signer.sign({
    method: 'POST', protocol: u.protocol, hostname: u.hostname, port: Number(u.port), path: '/', query: {},
    headers: { host: u.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body,
  });
  return { host: u.hostname, port: Number(u.port), headers: req.headers, body };
}

function send(agent, request) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: request.host, port: request.port, method: 'POST', path: '/', headers: request.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * CPU seconds (user + system) a process has used so far, and its main thread's (the one that
 * serves requests; the audit writer and libuv have their own); undefined where /proc is missing.
 */
function cpuSeconds(pid) {
  const read = (file) => {
    const fields = fs.readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  };
  try {
    return { all: read(`/proc/${pid}/stat`), main: read(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return undefined;
  }
}

/** Requests per second over `seconds`, `concurrency` requests in flight on keep-alive sockets. */
async function measure(request, pid, warm) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let ok = 0;
  let failed = 0;
  const load = (ms) => {
    const end = Date.now() + ms;
    return Promise.all(Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) (await send(agent, request)) === 200 ? ok++ : failed++;
    }));
  };
  // Warm-up under the same load, so both servers are measured in their steady state: a few
  // hundred calls leave the server's request path to V8's baseline tier for part of the run.
  if (warm) await load(warmup * 1000);
  ok = 0;
  const cpuBefore = cpuSeconds(pid);
  await load(seconds * 1000);
  const cpuAfter = cpuSeconds(pid);
  agent.destroy();
  if (failed > 0) throw new Error(`${failed} requests failed`);
  const perRequest = (key) => (cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter[key] - cpuBefore[key]) / ok) * 1e6);
  return { rate: ok / seconds, cpuPerRequest: perRequest('all'), mainPerRequest: perRequest('main') };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-bench-'));
const env = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config') };
const children = [];
try {
  const init = spawnSync(process.execPath, [bosun, 'init', '--data-dir', path.join(dir, 'data')], { cwd: root, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  const text = fs.readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, 'utf8');
  const credentials = {
    accessKeyId: /aws_access_key_id\s*=\s*(\S+)/.exec(text)[1],
    secretAccessKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(text)[1],
  };
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const server = spawn(process.execPath, [...profile, bosun, 'server', '--data-dir', path.join(dir, 'data'), '--port', '0', '--log-level', 'warn'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(server);
  const url = await waitForLine(server, /bosun server listening on (\S+)/);
  const put = await signed(url, credentials, 'AmazonSSM.PutParameter', JSON.stringify({ Name: '/bench/value', Value: 'hello', Type: 'String' }));
  const putStatus = await send(undefined, put);
  if (putStatus !== 200) throw new Error(`PutParameter answered ${putStatus}`);
  const get = await signed(url, credentials, 'AmazonSSM.GetParameter', JSON.stringify({ Name: '/bench/value' }));
  const fixedBody = await new Promise((resolve) => {
    http.request({ host: get.host, port: get.port, method: 'POST', path: '/', headers: get.headers }, (res) => {
      let b = '';
      res.on('data', (c) => { b += c; });
      res.on('end', () => resolve(b));
    }).end(get.body);
  });

  const bareSource = `const b=${JSON.stringify(fixedBody)};require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/x-amz-json-1.1','content-length':Buffer.byteLength(b)});s.end(b)})}).listen(0,'127.0.0.1',function(){console.log('bare listening on http://127.0.0.1:'+this.address().port)})`;
  const bare = spawn(process.execPath, ['-e', bareSource], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(bare);
  const bareUrl = await waitForLine(bare, /bare listening on (\S+)/);
  const bareRequest = { ...get, port: Number(new URL(bareUrl).port) };

  const cpu = (run) => (run.cpuPerRequest === undefined ? ''
    : `  (server CPU ${run.cpuPerRequest.toFixed(0)} µs/request, main thread ${run.mainPerRequest.toFixed(0)})`);
  console.log(`signed GetParameter, ${concurrency} in flight, ${seconds}s each, ${rounds} rounds`);
  const ratios = [];
  for (let i = 0; i < rounds; i++) {
    const bareRun = await measure(bareRequest, bare.pid, i === 0);
    const bosunRun = await measure(get, server.pid, i === 0);
    ratios.push(bosunRun.rate / bareRun.rate);
    console.log(`round ${i + 1}`);
    console.log(`  bare node:http server : ${bareRun.rate.toFixed(0)} req/s${cpu(bareRun)}`);
    console.log(`  bosun server          : ${bosunRun.rate.toFixed(0)} req/s${cpu(bosunRun)}`);
    console.log(`  ratio bosun/bare      : ${(bosunRun.rate / bareRun.rate).toFixed(2)}`);
  }
  const median = [...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)];
  console.log(`ratio bosun/bare, median of ${rounds} rounds: ${median.toFixed(2)} (aim 0.5: ${median >= 0.5 ? 'met' : 'not met'})`);
  // Where the server's time goes, so a low ratio names its cause.
  if (!process.argv.includes('--no-breakdown')) spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'packages/server/src/features/parameters/bench-breakdown.ts')], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  if (profileDir) {
    // A profile is written only on a clean exit.
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    console.log(`server CPU profile written to ${profileDir}`);
  }
} finally {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}
