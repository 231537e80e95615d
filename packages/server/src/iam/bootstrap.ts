/**
 * The first account of a fresh server: an account, an `admin` user with AdministratorAccess and
 * one access key, so `bosun up` can hand the operator working credentials.
 */
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import { awsManagedPolicyArn, syncAwsManagedPolicies } from './managed-policies';
import { getAccount, hasAnyAccount, insertAccount } from './store/accounts';
import { createAccessKey } from './store/access-keys';
import { attachPolicy } from './store/attachments';
import { newAccountId } from './store/ids';
import { getManagedPolicy } from './store/managed-policies';
import { insertUser } from './store/users';

export { hasAnyAccount };

export interface BootstrapOptions {
  accountId?: string;
  accountAlias?: string;
  adminUserName?: string;
}

export interface BootstrapResult {
  accountId: string;
  userName: string;
  userArn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export async function bootstrapAccount(db: Db, secrets: SecretBox, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  if (options.accountId !== undefined && !/^\d{12}$/.test(options.accountId)) {
    throw new Error(`an account id is 12 digits, not ${JSON.stringify(options.accountId)}`);
  }
  await syncAwsManagedPolicies(db);
  let accountId = options.accountId;
  if (accountId === undefined) {
    do accountId = newAccountId(); while (await getAccount(db, accountId));
  } else if (await getAccount(db, accountId)) {
    throw new Error(`account ${accountId} already exists`);
  }
  await insertAccount(db, accountId, options.accountAlias ?? null);
  const user = await insertUser(db, accountId, options.adminUserName ?? 'admin');
  const admin = await getManagedPolicy(db, accountId, awsManagedPolicyArn('AdministratorAccess'));
  await attachPolicy(db, { kind: 'user', id: user.user_id, accountId, name: user.user_name }, admin);
  const { row, secretAccessKey } = await createAccessKey(db, secrets, user);
  return { accountId, userName: user.user_name, userArn: user.arn, accessKeyId: row.access_key_id, secretAccessKey };
}
