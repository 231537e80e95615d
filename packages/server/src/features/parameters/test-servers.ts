/**
 * Real Bosun servers for the SDK and CLI suites: one on SQLite, one on a fresh PostgreSQL
 * schema (dropped afterwards). Logs are captured so a test can scan them for secrets, and
 * extra IAM users with inline policies can be made for permission tests.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe } from 'node:test';
import { SSMClient } from '@aws-sdk/client-ssm';
import { startServer, type RunningServer } from '../../server';
import { createLogger } from '../../observability/logger';
import { bootstrapAccount } from '../../iam/bootstrap';
import { insertUser } from '../../iam/store/users';
import { putInlinePolicy } from '../../iam/store/inline-policies';
import { createAccessKey } from '../../iam/store/access-keys';
import { setKmsSecrets } from '../../kms/index';
import { dropSchema } from '../../db/index';
import { postgresUrl } from '../../../test/databases';

export interface ServerFixture {
  kind: 'sqlite' | 'postgres';
  url: string;
  server: RunningServer;
  dataDir: string;
  accountId: string;
  admin: { accessKeyId: string; secretAccessKey: string };
  logs: string[];
  client(credentials?: { accessKeyId: string; secretAccessKey: string }): SSMClient;
  userWithPolicy(name: string, policy: object): Promise<{ accessKeyId: string; secretAccessKey: string }>;
}

export function forEachServer(name: string, suite: (f: ServerFixture) => void, kinds: Array<'sqlite' | 'postgres'> = ['sqlite', 'postgres']): void {
  for (const kind of kinds) {
    describe(`${name} [${kind}]`, () => {
      const f = { kind, logs: [] as string[] } as unknown as ServerFixture;
      let schema: string | undefined;
      before(async () => {
        f.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-params-'));
        let databaseUrl: string | undefined;
        if (kind === 'postgres') {
          schema = `p_${crypto.randomBytes(6).toString('hex')}`;
          databaseUrl = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
        }
        const sink = new Writable({ write(chunk, _enc, done) { f.logs.push(String(chunk)); done(); } });
        f.server = await startServer({ dataDir: f.dataDir, databaseUrl, port: 0, host: '127.0.0.1', logLevel: 'debug' }, createLogger('debug', sink));
        setKmsSecrets(f.server.context.secrets);
        const boot = await bootstrapAccount(f.server.context.db, f.server.context.secrets, {});
        f.url = f.server.url;
        f.accountId = boot.accountId;
        f.admin = { accessKeyId: boot.accessKeyId, secretAccessKey: boot.secretAccessKey };
        f.client = (credentials = f.admin) => new SSMClient({ endpoint: f.url, region: 'us-east-1', credentials, maxAttempts: 1 });
        f.userWithPolicy = async (userName, policy) => {
          const db = f.server.context.db;
          const user = await insertUser(db, f.accountId, userName);
          await putInlinePolicy(db, { kind: 'user', id: user.user_id, accountId: f.accountId, name: userName }, 'p', JSON.stringify(policy));
          const key = await createAccessKey(db, f.server.context.secrets, user);
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
