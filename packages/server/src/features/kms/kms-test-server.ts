/**
 * A real front door (HTTP, SigV4, validation, IAM, audit) serving the KMS operations, on a fresh
 * SQLite file or PostgreSQL schema, with the admin credentials `bosun init` would create and a
 * way to add a user with a chosen identity policy. The KMS tests use this rather than the whole
 * server so they exercise exactly this room; `startTestServer()` covers the whole assembly.
 */
import crypto from 'node:crypto';
import { freshDatabase } from '../../../test/databases';
import { createSecretBox } from '../../crypto/secret-box';
import { buildApp } from '../../http/app';
import { bootstrapAccount } from '../../iam/bootstrap';
import { createAccessKey } from '../../iam/store/access-keys';
import { putInlinePolicy } from '../../iam/store/inline-policies';
import { insertUser } from '../../iam/store/users';
import { createLogger } from '../../observability/logger';
import type { ServerContext } from '../../operations/dispatch';
import { kmsOperations } from './index';
import { createServerContext } from '../../server';

export interface KmsTestServer {
  url: string;
  context: ServerContext;
  admin: { accessKeyId: string; secretAccessKey: string; accountId: string };
  /** A new IAM user in the admin's account with one inline policy; its credentials. */
  addUser(name: string, policy: object): Promise<{ accessKeyId: string; secretAccessKey: string }>;
  close(): Promise<void>;
}

export async function startKmsTestServer(kind: 'sqlite' | 'postgres' = 'sqlite'): Promise<KmsTestServer> {
  const opened = await freshDatabase(kind);
  const secrets = createSecretBox(crypto.randomBytes(32));
  const context = createServerContext(opened.db, secrets, createLogger('silent'), kmsOperations);
  const app = buildApp(context, {});
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const boot = await bootstrapAccount(opened.db, secrets, {});
  return {
    url: `http://127.0.0.1:${port}`,
    context,
    admin: { accessKeyId: boot.accessKeyId, secretAccessKey: boot.secretAccessKey, accountId: boot.accountId },
    async addUser(name, policy) {
      const user = await insertUser(opened.db, boot.accountId, name);
      await putInlinePolicy(opened.db, { kind: 'user', id: user.user_id, accountId: boot.accountId, name }, 'test', JSON.stringify(policy));
      const key = await createAccessKey(opened.db, secrets, user);
      return { accessKeyId: key.row.access_key_id, secretAccessKey: key.secretAccessKey };
    },
    async close() {
      await app.close();
      await opened.close();
    },
  };
}
