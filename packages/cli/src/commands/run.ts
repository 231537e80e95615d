import { Command, Option } from 'commander';
import {
  GetCommandInvocationCommand, ListCommandInvocationsCommand, ListCommandsCommand, SendCommandCommand, SSMClient,
  type CommandInvocation, type Target,
} from '@aws-sdk/client-ssm';
import { connect, connectionOptions, type ConnectionFlags } from '../connection';

/**
 * `bosun run --targets tag:env=prod -- uptime`: SendCommand through the SDK, then a progress
 * line (done/total, failed, pending), each node's output as it arrives prefixed by the node,
 * a summary table, and exit status 1 when any invocation did not succeed.
 */
interface RunFlags extends ConnectionFlags {
  targets?: string[]; instanceIds?: string[]; maxConcurrency?: string; maxErrors?: string; document: string;
  parameters?: string[]; comment?: string; timeoutSeconds?: number; pollMs: number;
}

const ACTIVE = new Set(['Pending', 'InProgress', 'Delayed', 'Cancelling']);

export function runCommand(): Command {
  return connectionOptions(new Command('run'))
    .description('run a command (or an SSM document) on managed nodes, with live output')
    .argument('[command...]', 'shell command to run with AWS-RunShellScript (after --)')
    .option('--targets <target...>', 'tag:<key>=<v1,v2>, tag-key=<key>, or InstanceIds=<id,id>')
    .option('--instance-ids <id...>', 'managed node ids (up to 50)')
    .option('--max-concurrency <n|%>', 'nodes at a time (AWS default 50)')
    .option('--max-errors <n|%>', 'errors tolerated before the rest is stopped (AWS default 0)')
    .option('--document <name>', 'SSM document to run', 'AWS-RunShellScript')
    .option('--parameters <k=v...>', 'document parameters; repeat a key for a list')
    .option('--comment <text>', 'comment shown in ListCommands')
    .option('--timeout-seconds <n>', 'delivery timeout', (v) => Number(v))
    .addOption(new Option('--poll-ms <n>', 'how often to look for progress').default(500).argParser((v) => Number(v)).hideHelp())
    .action(async (words: string[], flags: RunFlags) => {
      try {
        process.exitCode = await run(words, flags);
      } catch (err) {
        // A usage mistake or the server's AWS error, said plainly: no stack trace.
        const e = err as Error;
        process.stderr.write(`bosun run: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}\n`);
        process.exitCode = 2;
      }
    });
}

/** `tag:env=prod,stage` → {Key: 'tag:env', Values: ['prod','stage']}. */
export function parseTarget(text: string): Target {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`--targets ${text}: expected Key=Value (e.g. tag:env=prod)`);
  return { Key: text.slice(0, eq), Values: text.slice(eq + 1).split(',').filter(Boolean) };
}

export function parseParameters(pairs: string[] = [], words: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new Error(`--parameters ${p}: expected key=value`);
    (out[p.slice(0, eq)] ??= []).push(p.slice(eq + 1));
  }
  if (words.length > 0) out.commands = [words.join(' ')];
  return out;
}

async function run(words: string[], flags: RunFlags): Promise<number> {
  if (!flags.targets && !flags.instanceIds) throw new Error('say where to run: --targets tag:<key>=<value> or --instance-ids');
  if (flags.document === 'AWS-RunShellScript' && words.length === 0 && !flags.parameters?.some((p) => p.startsWith('commands='))) {
    throw new Error('nothing to run: put the command after --, e.g. bosun run --targets tag:env=prod -- uptime');
  }
  const { ssm } = connect(flags);
  const { Command: sent } = await ssm.send(new SendCommandCommand({
    DocumentName: flags.document,
    Targets: flags.targets?.map(parseTarget),
    InstanceIds: flags.instanceIds?.flatMap((s) => s.split(',')).filter(Boolean),
    Parameters: parseParameters(flags.parameters, words),
    MaxConcurrency: flags.maxConcurrency, MaxErrors: flags.maxErrors, Comment: flags.comment, TimeoutSeconds: flags.timeoutSeconds,
  }));
  const commandId = sent!.CommandId!;
  process.stderr.write(`command ${commandId} → ${sent!.TargetCount} node(s)\n`);
  if (sent!.TargetCount === 0) { process.stderr.write('no managed node matched the targets\n'); return 1; }
  const printed = new Map<string, number>();
  const progress = new Progress();
  let invocations: CommandInvocation[] = [];
  for (;;) {
    // The command's status first: once it is final, the invocations read after it are final too
    // (read the other way round, a command finishing in between left a stale summary).
    const { Commands } = await ssm.send(new ListCommandsCommand({ CommandId: commandId }));
    const command = Commands![0];
    invocations = await listAll(ssm, commandId);
    for (const inv of invocations) {
      if (inv.Status === 'Pending') continue;
      const id = inv.InstanceId!;
      const detail = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: id })).catch(() => undefined);
      const text = detail?.StandardOutputContent ?? '';
      const from = printed.get(id) ?? 0;
      // Print whole lines while running; the rest once the node is done.
      const upTo = ACTIVE.has(inv.Status!) ? text.lastIndexOf('\n') + 1 : text.length;
      if (upTo > from) {
        progress.clear();
        for (const line of text.slice(from, upTo).replace(/\n$/, '').split('\n')) process.stdout.write(`${id} | ${line}\n`);
        printed.set(id, upTo);
      }
    }
    progress.show(invocations, command.TargetCount ?? invocations.length);
    if (!['Pending', 'InProgress', 'Cancelling'].includes(command.Status!)) {
      progress.clear();
      summary(invocations);
      process.stderr.write(`command ${commandId}: ${command.Status} (${command.StatusDetails})\n`);
      return invocations.every((i) => i.Status === 'Success') ? 0 : 1;
    }
    await new Promise((r) => setTimeout(r, flags.pollMs));
  }
}

async function listAll(ssm: SSMClient, commandId: string): Promise<CommandInvocation[]> {
  const out: CommandInvocation[] = [];
  let token: string | undefined;
  do {
    const page = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, NextToken: token, MaxResults: 50 }));
    out.push(...(page.CommandInvocations ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

/** One status line on stderr, redrawn in place on a terminal, printed on change otherwise. */
class Progress {
  private last = '';
  private drawn = false;
  show(invs: CommandInvocation[], total: number): void {
    const done = invs.filter((i) => !ACTIVE.has(i.Status!)).length;
    const failed = invs.filter((i) => !ACTIVE.has(i.Status!) && i.Status !== 'Success').length;
    const width = 24;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} done, ${failed} failed, ${total - done} pending`;
    if (line === this.last) return;
    this.last = line;
    if (process.stderr.isTTY) { process.stderr.write(`\r\x1b[2K${line}`); this.drawn = true; } else process.stderr.write(`${line}\n`);
  }
  clear(): void {
    if (this.drawn) { process.stderr.write('\r\x1b[2K'); this.drawn = false; this.last = ''; }
  }
}

function summary(invs: CommandInvocation[]): void {
  const rows = [['INSTANCE', 'STATUS', 'DETAILS'], ...invs.map((i) => [i.InstanceId!, i.Status!, i.StatusDetails ?? ''])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) process.stdout.write(`${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}\n`);
}
