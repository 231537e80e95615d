/**
 * The real aws CLI v2 (Debian's, called by path: a pyenv or pip `aws` earlier on PATH is v1)
 * against a test server, as the admin of its account: `aws --endpoint-url <url> --output json
 * ssm <args>`. Resolves with stdout's JSON, or ok false and the error text; one attempt, no pager.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface AwsCliTarget {
  url: string;
  dataDir: string;
  admin: { accessKeyId: string; secretAccessKey: string };
}

export async function awsSsm(target: AwsCliTarget, args: string[]): Promise<{ ok: boolean; json?: any; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: target.dataDir,
    AWS_ACCESS_KEY_ID: target.admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: target.admin.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
  try {
    const { stdout, stderr } = await run('/usr/bin/aws', ['--endpoint-url', target.url, '--output', 'json', 'ssm', ...args], { env });
    return { ok: true, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? error) };
  }
}

/**
 * Ctrl-C as a terminal sends it, to the whole process group of a detached `aws ssm
 * start-session` (the CLI ignores it while the plugin runs; the plugin ends the session); killed
 * after 10 s if it has not exited.
 */
export async function interruptGroup(child: import('node:child_process').ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
