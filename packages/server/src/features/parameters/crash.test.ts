/**
 * kill -9 of a real `bosun server` process in the middle of a burst of PutParameter calls:
 * after a restart on the same data directory every write the server acknowledged is there, and
 * so is its audit record (journaled before the answer, stored in the audit tables at the start).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetParameterHistoryCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

const root = path.resolve(import.meta.dirname, '../../../../..');
const bosun = path.join(root, 'packages/cli/bin/bosun.js');

function startBosun(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bosun, 'server', '--data-dir', dataDir, '--port', '0', '--log-level', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk) => {
      seen += String(chunk);
      const m = /bosun server listening on (\S+)/.exec(seen);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`bosun server exited (${code}): ${seen}`)));
  });
}

function readCredentials(file: string): { accessKeyId: string; secretAccessKey: string } {
  const text = fs.readFileSync(file, 'utf8');
  const get = (k: string) => new RegExp(`${k}\\s*=\\s*(\\S+)`).exec(text)![1];
  return { accessKeyId: get('aws_access_key_id'), secretAccessKey: get('aws_secret_access_key') };
}

it('every acknowledged PutParameter survives kill -9 of the server', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-crash-'));
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config') };
  const init = spawnSync(process.execPath, [bosun, 'init', '--data-dir', dataDir], { cwd: root, env, encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  const credentials = readCredentials(env.AWS_SHARED_CREDENTIALS_FILE);
  try {
    const first = await startBosun(dataDir);
    const ssm = new SSMClient({ endpoint: first.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const acknowledged = new Map<string, string>();
    const sharedVersions = new Map<number, string>();
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `/crash/w${w}/n${i}`;
        try {
          await ssm.send(new PutParameterCommand({ Name: name, Value: `v-${w}-${i}`, Type: 'String' }));
          acknowledged.set(name, `v-${w}-${i}`);
          const value = `shared-${w}-${i}`;
          const put = await ssm.send(new PutParameterCommand({ Name: '/crash/shared', Value: value, Type: 'String', Overwrite: true }));
          sharedVersions.set(put.Version!, value);
        } catch {
          return; // the server is gone: later writes were never acknowledged
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    stop = true;
    await burst;
    ssm.destroy();
    // A record whose write the kill cut short (never acknowledged) is dropped at the next start.
    const journalDir = path.join(dataDir, 'audit-journal');
    const newest = fs.readdirSync(journalDir).sort().pop()!;
    fs.appendFileSync(path.join(journalDir, newest), '{"seq":999999,"event_id":"cut-sh');

    const second = await startBosun(dataDir);
    try {
      const after = new SSMClient({ endpoint: second.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      const names = [...acknowledged.keys()];
      for (let i = 0; i < names.length; i += 10) {
        const got = await after.send(new GetParametersCommand({ Names: names.slice(i, i + 10) }));
        assert.deepEqual(got.InvalidParameters, []);
        for (const p of got.Parameters!) assert.equal(p.Value, acknowledged.get(p.Name!));
      }
      const history = new Map<number, string>();
      let token: string | undefined;
      do {
        const page = await after.send(new GetParameterHistoryCommand({ Name: '/crash/shared', MaxResults: 50, NextToken: token }));
        for (const h of page.Parameters!) history.set(h.Version!, h.Value!);
        token = page.NextToken;
      } while (token);
      // Only the newest 100 versions are kept; every acknowledged one inside that window is there.
      const newest = Math.max(...history.keys());
      for (const [version, value] of sharedVersions) {
        if (version > newest - 100) assert.equal(history.get(version), value, `version ${version}`);
      }
      after.destroy();

      const trail = new CloudTrailClient({ endpoint: second.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      const audited = new Set<string>();
      let next: string | undefined;
      do {
        const page = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutParameter' }], MaxResults: 50, NextToken: next }));
        for (const e of page.Events!) for (const r of e.Resources ?? []) audited.add(r.ResourceName!);
        next = page.NextToken;
      } while (next);
      trail.destroy();
      const unaudited = names.filter((n) => !audited.has(n));
      assert.deepEqual(unaudited, [], 'acknowledged writes without an audit record');
    } finally {
      second.child.kill('SIGKILL');
    }
    const verify = spawnSync(process.execPath, [bosun, 'audit', 'verify', '--data-dir', dataDir], { cwd: root, env, encoding: 'utf8' });
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /audit log intact: \d+ records verified/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
