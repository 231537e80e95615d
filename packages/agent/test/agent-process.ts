/** Runs the real bosun-agent program as a child process, the way a node runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const AGENT_BIN = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../bin/bosun-agent.js');

export function tempStateDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-agent-test-')), 'state');
}

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a short agent command (register, status) to completion; async, so an in-process server keeps answering. */
export function agentCommand(args: string[], env: NodeJS.ProcessEnv = {}, bin = AGENT_BIN): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    // 'close', not 'exit': only then has everything the process printed been read from its pipes.
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export interface AgentProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts `bosun-agent run` for a state dir; its log is collected for assertions. */
export function runAgentProcess(stateDir: string, extraArgs: string[] = [], bin = AGENT_BIN): AgentProcess {
  const child = spawn(process.execPath, [bin, 'run', '--state-dir', stateDir, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
