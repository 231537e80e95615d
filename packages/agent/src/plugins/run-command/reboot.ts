/**
 * The reboot a script asks for with exit 194. The command is configurable
 * (`--reboot-command`, default `systemctl reboot`) so tests and unusual init systems can
 * substitute their own; it runs once per request, through `sh -c`.
 */
import { spawn } from 'node:child_process';

export const DEFAULT_REBOOT_COMMAND = 'systemctl reboot';

export interface RebootAttempt {
  code: number | null;
  output: string;
}

export function runRebootCommand(command: string, env: NodeJS.ProcessEnv = process.env): Promise<RebootAttempt> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      if (output.length < 4096) output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => resolve({ code: null, output: error.message }));
    child.once('close', (code) => resolve({ code, output }));
  });
}
