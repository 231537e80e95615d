import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '@bosun/server';
import { createActivationRecord, ensureNodeRole } from '@bosun/server/agents/index';
import { findScopedInstance } from '@bosun/server/agents/instance-store';
import { isRegistered, loadRegistration, registerAgent } from '@bosun/agent';

const agentBin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../agent/bin/bosun-agent.js');

/**
 * The node `bosun up` runs on, as a managed node: registered once (a role with
 * AmazonSSMManagedInstanceCore, a one-use activation), then run as its own process — exactly
 * what an operator does on any other machine, so the newcomer sees a node Online at once.
 */
export async function startLocalAgent(running: RunningServer, options: { region: string; caFile?: string }): Promise<ChildProcess> {
  const stateDir = path.join(running.config.dataDir, 'local-agent');
  if (!(await registrationUsable(running, stateDir))) {
    const db = running.context.db;
    const account = await db.selectFrom('iam_accounts').select('account_id').orderBy('created_at').executeTakeFirstOrThrow();
    const iamRole = await ensureNodeRole(db, account.account_id);
    const activation = await createActivationRecord(db, {
      accountId: account.account_id,
      region: options.region,
      iamRole,
      description: 'The machine bosun up runs on',
      defaultInstanceName: os.hostname(),
      expirationDate: new Date(Date.now() + 60 * 60_000),
      tags: [{ Key: 'bosun:local', Value: 'true' }],
    });
    await registerAgent({ url: running.url, ...activation, stateDir, caFile: options.caFile, region: options.region, force: true });
  }
  return spawn(process.execPath, [agentBin, 'run', '--state-dir', stateDir, '--log-format', 'text'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** A registration is reused while it points at this server and its node is still registered. */
async function registrationUsable(running: RunningServer, stateDir: string): Promise<boolean> {
  if (!isRegistered(stateDir)) return false;
  const registration = loadRegistration(stateDir);
  if (registration.serverUrl !== running.url) return false;
  const node = await findScopedInstance(running.context.db, registration.accountId, registration.region, registration.instanceId);
  return !!node && !node.deregistered_at;
}
