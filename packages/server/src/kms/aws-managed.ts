import type { Db } from '../db/index';
import { aliasArn } from './arns';
import { findAliasRow, insertAliasRow } from './alias-store';
import { awsManagedKeyPolicy } from './default-policy';
import { createKeyRecord } from './key-factory';

/** The AWS managed keys Bosun creates on first use, by alias, with AWS's descriptions. */
const AWS_MANAGED: Record<string, { service: string; description: string }> = {
  // AWS: the description Parameter Store's AWS managed key carries.
  'alias/aws/ssm': { service: 'ssm', description: 'Default key that protects my SSM parameters when no other key is defined' },
};

export function isAwsManagedAlias(aliasName: string): boolean {
  return aliasName in AWS_MANAGED;
}

/** Thrown inside the creating transaction when another caller's alias won, to roll ours back. */
class LostRace extends Error {}

/**
 * The key id behind an AWS managed alias, creating key and alias on first use. Key and alias
 * are written in one transaction; when callers race, the alias's primary key lets exactly one
 * win, the others roll their key back and answer with the winner's — never a second key.
 */
export async function ensureAwsManagedKey(db: Db, accountId: string, region: string, aliasName: string, now: Date): Promise<string | undefined> {
  const spec = AWS_MANAGED[aliasName];
  if (!spec) return undefined;
  const existing = await findAliasRow(db, accountId, region, aliasName);
  if (existing) return existing.target_key_id;
  try {
    return await db.transaction().execute(async (tx) => {
      const key = await createKeyRecord(tx, {
        accountId, region, now,
        description: spec.description,
        keyManager: 'AWS',
        policy: awsManagedKeyPolicy(accountId, region, spec.service),
        tags: {},
      });
      const stamp = now.toISOString();
      const won = await insertAliasRow(tx, {
        account_id: accountId, region, alias_name: aliasName, alias_arn: aliasArn(region, accountId, aliasName),
        target_key_id: key.key_id, created_at: stamp, updated_at: stamp,
      });
      if (!won) throw new LostRace();
      return key.key_id;
    });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    return (await findAliasRow(db, accountId, region, aliasName))?.target_key_id;
  }
}
