#!/usr/bin/env node
// A/B of two `bosun server` processes under the signed GetParameter load of bench:parameters:
// A as it is, B with extra environment variables and node flags; 32 requests in flight go to
// A and B in alternating windows, so both see the same machine moment to moment (on a shared
// VM a server's own rate swings by half between runs). Prints each side's median req/s and
// CPU per request (serving thread, whole process) and B/A per window.
//   node scripts/ab-servers.mjs [--b-env '{"NAME":"value"}'] [--b-node '--max-semi-space-size=32'] [--windows 12] [--seconds 2.5]
//                               [--a-root DIR]
// --a-root runs A from another checkout, e.g. the commit before a change. Its node_modules must
// link this checkout's packages but its own workspace packages (a plain link to this
// node_modules would run this checkout's server in A too):
//   git worktree add /tmp/bosun-before HEAD~1 && mkdir -p /tmp/bosun-before/node_modules/@bosun
//   for e in node_modules/* node_modules/.bin; do [ "${e##*/}" = @bosun ] || ln -s "$PWD/$e" /tmp/bosun-before/node_modules/; done
//   for p in agent cli protocol server web; do ln -s ../../packages/$p /tmp/bosun-before/node_modules/@bosun/$p; done
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bosunIn = (dir) => path.join(dir, 'packages/cli/bin/bosun.js');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const windows = Number(flag('windows', 12));
const windowMs = Number(flag('seconds', 2.5)) * 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const send = (r) => new Promise((resolve, reject) => {
  const req = http.request({ agent, host: '127.0.0.1', port: r.port, method: 'POST', path: '/', headers: r.headers }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', reject);
  req.end(r.body);
});
/** CPU seconds of a process's main thread (`task`) or of all its threads, from /proc. */
const cpu = (pid, task) => {
  const f = fs.readFileSync(task ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

async function start(extraEnv, nodeArgs, from = root) {
  const bosun = bosunIn(from);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-ab-'));
  const env = { ...process.env, ...extraEnv, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config') };
  const init = spawnSync(process.execPath, [bosun, 'init', '--data-dir', path.join(dir, 'data')], { cwd: from, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  const text = fs.readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, 'utf8');
  const credentials = { accessKeyId: /aws_access_key_id\s*=\s*(\S+)/.exec(text)[1], secretAccessKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(text)[1] };
  const server = spawn(process.execPath, [...nodeArgs, bosun, 'server', '--data-dir', path.join(dir, 'data'), '--port', '0', '--log-level', 'warn'], { cwd: from, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    server.stderr.on('data', (d) => { seen += d; const m = /listening on (\S+)/.exec(seen); if (m) resolve(m[1]); });
    server.once('exit', (code) => reject(new Error(`server exited (${code}): ${seen}`)));
  });
  const u = new URL(url);
  const sign = async (target, body) => {
    const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'ssm', sha256: Sha256 });
    const r = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/', query: {},
      headers: { host: u.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });
    return { headers: r.headers, body, port: Number(u.port) };
  };
  await send(await sign('AmazonSSM.PutParameter', JSON.stringify({ Name: '/bench/value', Value: 'hello', Type: 'String' })));
  return { server, dir, get: await sign('AmazonSSM.GetParameter', JSON.stringify({ Name: '/bench/value' })) };
}

async function window(s, ms) {
  let ok = 0;
  const end = Date.now() + ms;
  const [main0, all0, t0] = [cpu(s.server.pid, true), cpu(s.server.pid, false), Date.now()];
  await Promise.all(Array.from({ length: 32 }, async () => { while (Date.now() < end) if ((await send(s.get)) === 200) ok++; }));
  const seconds = (Date.now() - t0) / 1000;
  return { rate: ok / seconds, main: ((cpu(s.server.pid, true) - main0) / ok) * 1e6, all: ((cpu(s.server.pid, false) - all0) / ok) * 1e6 };
}

const a = await start({}, [], path.resolve(flag('a-root', root)));
const b = await start(JSON.parse(flag('b-env', '{}')), flag('b-node', '').split(' ').filter(Boolean));
try {
  await window(a, 1500);
  await window(b, 1500);
  const runs = { A: [], B: [] };
  for (let i = 0; i < windows; i++) {
    runs.A.push(await window(a, windowMs));
    runs.B.push(await window(b, windowMs));
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  for (const k of ['A', 'B']) {
    const r = runs[k];
    console.log(`${k}: ${median(r.map((x) => x.rate)).toFixed(0)} req/s, serving thread ${median(r.map((x) => x.main)).toFixed(0)} µs/request, process ${median(r.map((x) => x.all)).toFixed(0)} µs/request (medians of ${windows} windows)`);
  }
  console.log(`B/A req/s per window: ${runs.A.map((x, i) => (runs.B[i].rate / x.rate).toFixed(2)).join(' ')}`);
} finally {
  for (const s of [a, b]) { s.server.kill('SIGKILL'); fs.rmSync(s.dir, { recursive: true, force: true }); }
  agent.destroy();
}
