/**
 * The IAM role a managed node acts as. A node gets temporary credentials of the role session
 * `assumed-role/<Role>/<mi-id>`, so every call it makes through the front door is authorised by
 * the role's policies and audited under the node's id, like any other principal's.
 */
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import type { RoleCredentials } from '@bosun/protocol/agent/messages';
import { evaluateTrust } from '../iam/policy/index';
import { createSession } from '../iam/store/sessions';
import type { IamRoleRow } from '../iam/store/tables';
import { nameKey } from '../iam/store/util';

/**
 * The role an activation names: `Name` or `path/Name` (AWS takes the role name with its path,
 * not an ARN). Undefined when it does not exist or does not trust ssm.amazonaws.com.
 */
export async function findNodeRole(db: Db, accountId: string, iamRole: string): Promise<IamRoleRow | undefined> {
  const slash = iamRole.lastIndexOf('/');
  const name = iamRole.slice(slash + 1);
  const path = slash >= 0 ? `/${iamRole.slice(0, slash).replace(/^\/+/, '')}/` : undefined;
  const role = await db.selectFrom('iam_roles').selectAll()
    .where('account_id', '=', accountId).where('name_key', '=', nameKey(name)).executeTakeFirst();
  if (!role || (path !== undefined && role.path !== path)) return undefined;
  return role;
}

/** AWS: the role must let the SSM service assume it, or CreateActivation refuses it. */
export function trustsSsm(role: IamRoleRow): boolean {
  try {
    const verdict = evaluateTrust(JSON.parse(role.trust_policy), {
      principalArn: 'ssm.amazonaws.com', accountId: role.account_id, action: 'sts:AssumeRole', context: {},
    });
    return verdict.decision === 'Allow';
  } catch {
    return false;
  }
}

/** AWS: role credentials handed to hybrid nodes last an hour and are refreshed before they end. */
export const NODE_CREDENTIALS_SECONDS = 3600;

export async function mintNodeCredentials(
  db: Db, secrets: SecretBox, node: { instance_id: string; account_id: string; iam_role: string }, now = new Date(),
): Promise<RoleCredentials | undefined> {
  const role = await findNodeRole(db, node.account_id, node.iam_role);
  if (!role) return undefined;
  const issued = await createSession(db, secrets, {
    accountId: node.account_id,
    kind: 'assumed-role',
    roleId: role.role_id,
    sessionName: node.instance_id,
    expiresAt: new Date(now.getTime() + NODE_CREDENTIALS_SECONDS * 1000),
  }, now);
  return {
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: issued.expiresAt.toISOString(),
  };
}
