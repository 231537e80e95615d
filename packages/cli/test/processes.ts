/**
 * Real processes for end-to-end tests: `bosun` commands as a user runs them, and Debian's AWS CLI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const bosunBin = path.join(repoRoot, 'packages/cli/bin/bosun.js');
export const awsBin = process.env.BOSUN_TEST_AWS ?? '/usr/bin/aws';

/** A sandbox home: its own data dir and its own ~/.aws files, so tests never touch the user's. */
export function sandbox(): { dir: string; dataDir: string; env: NodeJS.ProcessEnv; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, '.aws', 'credentials'),
    AWS_CONFIG_FILE: path.join(dir, '.aws', 'config'),
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    BOSUN_LOG_LEVEL: 'warn',
  };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'BOSUN_DATA_DIR', 'BOSUN_DATABASE_URL', 'BOSUN_PORT']) delete env[k];
  return { dir, dataDir: path.join(dir, 'data'), env, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface BosunProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts `bosun up` (or another serving command) and waits for the line naming its URL. */
export async function startBosun(args: string[], env: NodeJS.ProcessEnv): Promise<BosunProcess> {
  const child = spawn(process.execPath, [bosunBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout!.resume();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bosun did not start within 30 s:\n${err}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /(?:Bosun is up at|bosun server listening on) (\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bosun exited with ${code} before starting:\n${err}`));
    });
  });
  return {
    child,
    url,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a bosun command to completion. */
export function bosun(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bosunBin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the real AWS CLI; `json` is the parsed stdout when it printed JSON. */
export function aws(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string; json: any } {
  const r = spawnSync(awsBin, [...args, '--output', 'json', '--no-cli-pager'], { env, encoding: 'utf8', timeout: 60_000 });
  let json: any;
  try {
    json = r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
  } catch {
    json = undefined;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}
