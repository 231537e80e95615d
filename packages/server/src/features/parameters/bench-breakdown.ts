/**
 * Where a GetParameter's server time goes, for scripts/bench-parameters.mjs: the credential
 * lookup, Parameter Store's own work (authorise + handle) and the audit append, each timed
 * alone, in µs per call. Run with `node --import tsx`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStores } from '../../server';
import { resolveConfig } from '../../config';
import { bootstrapAccount } from '../../iam/bootstrap';
import { resolveAccessKey } from '../../iam/credentials';
import { appendAuditEvent } from '../../audit/index';
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
  await time('audit append (appendAuditEvent)', () => appendAuditEvent(db, auditKey, {
    eventTime: new Date(), accountId: boot.accountId, region: 'us-east-1', principal: found.principal, sourceIp: '127.0.0.1',
    userAgent: 'bench', eventSource: 'ssm.amazonaws.com', eventName: 'GetParameter', readOnly: true,
    requestParameters: { Name: '/bench/value' }, requestId: 'bench',
  }));
} finally {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
