/**
 * Real Bosun servers for the documents SDK and CLI suites: one on SQLite, one on a fresh
 * PostgreSQL schema (dropped afterwards), each with two accounts (for sharing) and a way to
 * make IAM users with an inline policy (for permission tests).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { SSMClient } from '@aws-sdk/client-ssm';
import { startServer, type RunningServer } from '../../server';
import { createLogger } from '../../observability/logger';
import { bootstrapAccount } from '../../iam/bootstrap';
import { insertUser } from '../../iam/store/users';
import { putInlinePolicy } from '../../iam/store/inline-policies';
import { createAccessKey } from '../../iam/store/access-keys';
import { dropSchema } from '../../db/index';
import { postgresUrl } from '../../../test/databases';

type Keys = { accessKeyId: string; secretAccessKey: string };

export interface DocumentsFixture {
  kind: 'sqlite' | 'postgres';
  url: string;
  server: RunningServer;
  dataDir: string;
  accountId: string;
  admin: Keys;
  other: Keys & { accountId: string };
  client(credentials?: Keys): SSMClient;
  userWithPolicy(name: string, policy: object): Promise<Keys>;
}

export function forEachDocumentsServer(name: string, suite: (f: DocumentsFixture) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${kind}]`, () => {
      const f = { kind } as DocumentsFixture;
      let schema: string | undefined;
      before(async () => {
        f.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-docs-'));
        let databaseUrl: string | undefined;
        if (kind === 'postgres') {
          schema = `d_${crypto.randomBytes(6).toString('hex')}`;
          databaseUrl = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
        }
        f.server = await startServer({ dataDir: f.dataDir, databaseUrl, port: 0, host: '127.0.0.1' }, createLogger('silent'));
        const { db, secrets } = f.server.context;
        const boot = await bootstrapAccount(db, secrets, {});
        const other = await bootstrapAccount(db, secrets, {});
        f.url = f.server.url;
        f.accountId = boot.accountId;
        f.admin = { accessKeyId: boot.accessKeyId, secretAccessKey: boot.secretAccessKey };
        f.other = { accountId: other.accountId, accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey };
        f.client = (credentials = f.admin) => new SSMClient({ endpoint: f.url, region: 'us-east-1', credentials, maxAttempts: 1 });
        f.userWithPolicy = async (userName, policy) => {
          const user = await insertUser(db, f.accountId, userName);
          await putInlinePolicy(db, { kind: 'user', id: user.user_id, accountId: f.accountId, name: userName }, 'p', JSON.stringify(policy));
          const key = await createAccessKey(db, secrets, user);
          return { accessKeyId: key.row.access_key_id, secretAccessKey: key.secretAccessKey };
        };
      });
      after(async () => {
        if (schema) await dropSchema(f.server.context.db, schema);
        await f.server.close();
        fs.rmSync(f.dataDir, { recursive: true, force: true });
      });
      suite(f);
    });
  }
}
