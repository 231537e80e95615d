/**
 * Runs one store test suite on every database Bosun supports: a real SQLite file and a real
 * PostgreSQL (BOSUN_TEST_POSTGRES, default postgres://postgres@127.0.0.1:5432/test). Each run
 * gets a fresh file or a fresh schema, dropped afterwards. PostgreSQL being unreachable fails
 * the suite: CI must not pass by skipping half of it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { openDatabase, dropSchema, type Db } from '../src/db/index';
import { createSecretBox, type SecretBox } from '../src/crypto/secret-box';

export const postgresUrl = process.env.BOSUN_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreFixture {
  db: Db;
  kind: 'sqlite' | 'postgres';
  secrets: SecretBox;
}

/** A fresh, migrated database of the given kind; `close` drops it. */
export async function freshDatabase(kind: 'sqlite' | 'postgres'): Promise<{ db: Db; close(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-store-'));
    const db = await openDatabase(path.join(dir, 'bosun.db'));
    return { db, close: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  const db = await openDatabase(url);
  return { db, close: async () => { await dropSchema(db, schema); await db.destroy(); } };
}

/** `forEachDatabase('identity store', (f) => { it(...) })` — the suite runs once per engine. */
export function forEachDatabase(name: string, suite: (fixture: StoreFixture) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${kind}]`, () => {
      const fixture = { kind, secrets: createSecretBox(crypto.randomBytes(32)) } as StoreFixture;
      let close: () => Promise<void> = async () => {};
      before(async () => {
        const opened = await freshDatabase(kind);
        fixture.db = opened.db;
        close = opened.close;
      });
      after(async () => close());
      suite(fixture);
    });
  }
}
