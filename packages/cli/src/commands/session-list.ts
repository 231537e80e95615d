import { Command } from 'commander';
import { DescribeSessionsCommand, type Session, type SessionFilter, type SSMClient } from '@aws-sdk/client-ssm';
import { connect, connectionOptions, reportError, type ConnectionFlags } from '../connection';

/** `bosun session list [--history]`: DescribeSessions as a table, newest first. */
interface ListFlags extends ConnectionFlags {
  history?: boolean;
  target?: string;
}

export function sessionListCommand(): Command {
  return connectionOptions(
    new Command('list')
      .description('sessions: active ones, or ended ones with --history')
      .option('--history', 'ended sessions (DescribeSessions State History)')
      .option('--target <node-id>', 'only sessions on this node'),
  ).action(async (flags: ListFlags) => {
    try {
      const { ssm } = connect(flags);
      const sessions = await describeAll(ssm, flags.history ? 'History' : 'Active', flags.target ? [{ key: 'Target', value: flags.target }] : undefined);
      printTable(sessions);
    } catch (err) {
      reportError('session list', err);
      process.exitCode = 2;
    }
  });
}

export async function describeAll(ssm: SSMClient, state: 'Active' | 'History', filters?: SessionFilter[]): Promise<Session[]> {
  const out: Session[] = [];
  let token: string | undefined;
  do {
    const page = await ssm.send(new DescribeSessionsCommand({ State: state, Filters: filters, NextToken: token, MaxResults: 200 }));
    out.push(...(page.Sessions ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

function printTable(sessions: Session[]): void {
  const when = (d?: Date) => (d ? d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '');
  const rows = [
    ['SESSION ID', 'TARGET', 'STATUS', 'STARTED', 'ENDED', 'DOCUMENT', 'OWNER', 'REASON'],
    ...sessions.map((s) => [s.SessionId ?? '', s.Target ?? '', s.Status ?? '', when(s.StartDate), when(s.EndDate), s.DocumentName ?? '', s.Owner ?? '', s.Reason ?? '']),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) process.stdout.write(`${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}\n`);
}
