/**
 * A real Bosun front door and agent channel in this process, on a free loopback port, with
 * only the managed-node operations registered (so these tests do not wait on other rooms),
 * on a fresh SQLite file or PostgreSQL schema. Also makes roles the way an operator would.
 */
import crypto from 'node:crypto';
import { SSMClient } from '@aws-sdk/client-ssm';
import { freshDatabase } from '../../../test/databases';
import { createSecretBox } from '../../crypto/secret-box';
import { buildApp } from '../../http/app';
import { bootstrapAccount } from '../../iam/bootstrap';
import { awsManagedPolicyArn } from '../../iam/managed-policies';
import { attachPolicy } from '../../iam/store/attachments';
import { createAccessKey } from '../../iam/store/access-keys';
import { putInlinePolicy } from '../../iam/store/inline-policies';
import { getManagedPolicy } from '../../iam/store/managed-policies';
import { insertRole } from '../../iam/store/roles';
import { insertUser } from '../../iam/store/users';
import { createLogger } from '../../observability/logger';
import type { ServerContext } from '../../operations/dispatch';
import { instanceOperations } from '../../features/instances/index';
import { taggingOperations } from '../../features/tagging/index';
import { agentHubOf, SSM_TRUST_POLICY, type AgentHub } from '../index';
import { createServerContext } from '../../server';

export interface Creds { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export interface AgentTestServer {
  url: string;
  hub: AgentHub;
  context: ServerContext;
  accountId: string;
  admin: Creds;
  ssm(credentials?: Creds, region?: string): SSMClient;
  /** A role SSM may assume, with AmazonSSMManagedInstanceCore attached. */
  createNodeRole(name: string, path?: string): Promise<void>;
  /** An IAM user with one inline policy and its access key. */
  createUser(name: string, policy: object): Promise<Creds>;
  close(): Promise<void>;
}

export const SSM_TRUST = SSM_TRUST_POLICY;

export async function startAgentTestServer(kind: 'sqlite' | 'postgres' = 'sqlite'): Promise<AgentTestServer> {
  const opened = await freshDatabase(kind);
  const db = opened.db;
  const secrets = createSecretBox(crypto.randomBytes(32));
  const context = createServerContext(db, secrets, createLogger('silent'), [...instanceOperations, ...taggingOperations]);
  const app = buildApp(context);
  const hub = agentHubOf(app);
  hub.startSweeper();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const boot = await bootstrapAccount(db, secrets, {});
  const admin = { accessKeyId: boot.accessKeyId, secretAccessKey: boot.secretAccessKey };
  return {
    url, hub, context, accountId: boot.accountId, admin,
    ssm: (credentials = admin, region = 'us-east-1') => new SSMClient({ endpoint: url, region, credentials, maxAttempts: 1 }),
    async createNodeRole(name, path = '/') {
      const role = await insertRole(db, boot.accountId, { roleName: name, path, trustPolicy: SSM_TRUST });
      const core = await getManagedPolicy(db, boot.accountId, awsManagedPolicyArn('AmazonSSMManagedInstanceCore'));
      await attachPolicy(db, { kind: 'role', id: role.role_id, accountId: boot.accountId, name }, core);
    },
    async createUser(name, policy) {
      const user = await insertUser(db, boot.accountId, name);
      await putInlinePolicy(db, { kind: 'user', id: user.user_id, accountId: boot.accountId, name }, 'p', JSON.stringify(policy));
      const { row, secretAccessKey } = await createAccessKey(db, secrets, user);
      return { accessKeyId: row.access_key_id, secretAccessKey };
    },
    async close() {
      await hub.close();
      await app.close();
      await opened.close();
    },
  };
}
