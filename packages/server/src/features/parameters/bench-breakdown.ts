/**
 * Where a GetParameter's server time goes, for scripts/bench-parameters.mjs: the credential
 * lookup, Parameter Store's own work (authorise + handle) and the audit record, each timed
 * alone, in µs per call. The audit record is timed as the server makes it (AuditWriter with the
 * SQLite journal, 32 in flight): CPU of the serving thread, and of the rest of the process (the
 * journal's indexer thread, libuv's threads, GC helpers). Run with `node --import tsx`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStores } from '../../server';
import { resolveConfig } from '../../config';
import { bootstrapAccount } from '../../iam/bootstrap';
import { resolveAccessKey } from '../../iam/credentials';
import { AuditWriter } from '../../audit/writer';
import { AuditJournal } from '../../audit/journal';
import { sqliteFileOf } from '../../db/index';
import { createLogger } from '../../observability/logger';
import { testCaller } from './test-context';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-breakdown-'));
const { db, secrets } = await openStores(resolveConfig({ dataDir }));
try {
  const boot = await bootstrapAccount(db, secrets, {});
  const ssm = testCaller(db, { accountId: boot.accountId });
  await ssm.call('PutParameter', { Name: '/bench/value', Value: 'hello', Type: 'String' });
  const found = await resolveAccessKey(db, secrets, boot.accessKeyId, new Date());
  if (!found || 'inactive' in found) throw new Error('no principal');
  const auditKey = secrets.derive('audit-chain');
  const time = async (label: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await fn();
    const n = 1000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    console.log(`  ${label.padEnd(36)} ${(Number(process.hrtime.bigint() - start) / n / 1000).toFixed(0)} µs/call`);
  };
  console.log('server time per GetParameter, measured alone (SQLite):');
  await time('credential lookup (resolveAccessKey)', () => resolveAccessKey(db, secrets, boot.accessKeyId, new Date()));
  await time('Parameter Store authorize + handle', () => ssm.call('GetParameter', { Name: '/bench/value' }));
  const writer = new AuditWriter(db, auditKey, createLogger('silent'));
  // As the SQLite server writes it: journaled on this thread, stored by the indexer thread.
  const file = sqliteFileOf(db);
  if (file !== undefined) writer.useJournal(await AuditJournal.open(db, file, path.join(dataDir, 'audit-journal'), auditKey, createLogger('silent')));
  const record = () => writer.record({
    eventTime: new Date(), accountId: boot.accountId, region: 'us-east-1', principal: found.principal, sourceIp: '127.0.0.1',
    userAgent: 'bench', eventSource: 'ssm.amazonaws.com', eventName: 'GetParameter', readOnly: true,
    requestParameters: { Name: '/bench/value' }, requestId: 'bench',
    resources: [{ type: 'AWS::SSM::Parameter', name: '/bench/value', arn: `arn:aws:ssm:us-east-1:${boot.accountId}:parameter/bench/value` }],
  });
  const inFlight = async (n: number) => {
    let left = n;
    await Promise.all(Array.from({ length: 32 }, async () => { while (left-- > 0) await record(); }));
  };
  await inFlight(2000);
  await writer.flush(); // the indexer thread is up and caught up before the measured calls
  const n = 10_000;
  const [main0, all0] = [threadCpuUs(), process.cpuUsage()];
  await inFlight(n);
  await writer.flush(); // the indexer's share counts too
  const [main1, all1] = [threadCpuUs(), process.cpuUsage(all0)];
  if (main0 !== undefined && main1 !== undefined) {
    const main = (main1 - main0) / n;
    const rest = (all1.user + all1.system) / n - main;
    console.log(`  ${'audit record, 32 in flight'.padEnd(36)} ${main.toFixed(0)} µs/call serving thread, ${rest.toFixed(0)} µs in other threads`);
  }
  await writer.close();
} finally {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** CPU time of this process's main thread so far, in µs (Linux /proc; clock ticks of 10 ms). */
function threadCpuUs(): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}
