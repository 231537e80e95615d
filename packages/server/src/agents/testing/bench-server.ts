/**
 * The server side of `npm run bench:agents`: a real Bosun server in its own process (so its
 * memory is measured alone) with an account, a node role and enough activations for N nodes.
 * Prints one JSON line with the URL and activations, then answers `measure` lines on stdin
 * with its memory after a full GC and the number of connected agents.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { CreateActivationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { bootstrapAccount } from '../../iam/bootstrap';
import { awsManagedPolicyArn } from '../../iam/managed-policies';
import { attachPolicy } from '../../iam/store/attachments';
import { getManagedPolicy } from '../../iam/store/managed-policies';
import { insertRole } from '../../iam/store/roles';
import { createLogger } from '../../observability/logger';
import { SSM_TRUST } from './agent-test-server';

const nodes = Number(process.argv[2] ?? 1000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-bench-'));

async function start(): Promise<{ url: string; db: any; secrets: any; hub: { connectedCount: number }; close(): Promise<void> }> {
  try {
    const { startServer } = await import('../../server');
    const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' }, createLogger('silent'));
    return { url: server.url, db: server.context.db, secrets: server.context.secrets, hub: server.agents, close: () => server.close() };
  } catch (error) {
    // While another room's operations are still missing, the full server cannot load: measure
    // the same front door and agent channel with only the managed-node operations registered.
    process.stderr.write(`full server unavailable (${(error as Error).message.split('\n')[0]}); using the front door with managed-node operations only\n`);
    const { startAgentTestServer } = await import('./agent-test-server');
    const t = await startAgentTestServer('sqlite');
    return { url: t.url, db: t.context.db, secrets: t.context.secrets, hub: t.hub, close: () => t.close() };
  }
}

const server = await start();
const boot = await bootstrapAccount(server.db, server.secrets, {});
const role = await insertRole(server.db, boot.accountId, { roleName: 'BenchNodeRole', trustPolicy: SSM_TRUST });
await attachPolicy(server.db, { kind: 'role', id: role.role_id, accountId: boot.accountId, name: 'BenchNodeRole' },
  await getManagedPolicy(server.db, boot.accountId, awsManagedPolicyArn('AmazonSSMManagedInstanceCore')));
const ssm = new SSMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: boot.accessKeyId, secretAccessKey: boot.secretAccessKey } });
const activations: Array<{ id: string; code: string; limit: number }> = [];
// AWS: one activation registers at most 1000 nodes.
for (let left = nodes; left > 0; left -= 1000) {
  const limit = Math.min(1000, left);
  const out = await ssm.send(new CreateActivationCommand({ IamRole: 'BenchNodeRole', RegistrationLimit: limit }));
  activations.push({ id: out.ActivationId!, code: out.ActivationCode!, limit });
}
process.stdout.write(JSON.stringify({ url: server.url, activations }) + '\n');

const gc = (globalThis as { gc?: () => void }).gc;
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'measure') {
    gc?.(); gc?.();
    const m = process.memoryUsage();
    process.stdout.write(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, connected: server.hub.connectedCount }) + '\n');
  } else if (line === 'quit') {
    break;
  }
}
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
