/**
 * From an access key id to the secret that verifies its signature and the principal it stands
 * for, with every identity policy that applies already parsed.
 */
import type { Db } from '../db/index';
import type { SecretBox } from '../crypto/secret-box';
import type { PolicyDocument, Principal } from '../operations/types';
import { accessKeyAad, findAccessKey } from './store/access-keys';
import { attachedDocumentsOf } from './store/attachments';
import { groupIdsOfUser } from './store/groups';
import { sessionTokenFor, sessionTokenMatches } from './store/ids';
import { inlineDocumentsOf } from './store/inline-policies';
import { getRoleById } from './store/roles';
import { findSession, sessionAad, sessionTokenKey } from './store/sessions';
import { sessionPolicyDocuments } from './session-policy';
import { tagMap } from './store/tags';
import type { IamRoleRow, IamUserRow } from './store/tables';
import { getUserById } from './store/users';

export interface ResolvedCredentials {
  secretAccessKey: string;
  /** Temporary credentials: the token the request must carry (SigV4 compares it in constant time). */
  sessionToken?: string;
  /** Temporary credentials: may be in the past — the front door then answers ExpiredToken. */
  expiresAt?: Date;
  principal: Principal;
}

/**
 * `undefined` when the key is unknown (or, if `presentedToken` is given, the token does not
 * match); `{ inactive: true }` for a deactivated key. Expired temporary credentials are returned
 * with their past `expiresAt`, so the caller can answer ExpiredToken as AWS does rather than
 * InvalidClientTokenId. `presentedToken` is the X-Amz-Security-Token the request carried.
 */
export async function resolveAccessKey(
  db: Db, secrets: SecretBox, accessKeyId: string, now: Date, presentedToken?: string,
): Promise<ResolvedCredentials | { inactive: true } | undefined> {
  // Every signed request passes here first, so the credential-issuing handlers find the box
  // even where server start did not call setIdentitySecrets.
  identityBox ??= secrets;
  if (accessKeyId.startsWith('ASIA')) return resolveSession(db, secrets, accessKeyId, presentedToken);
  const key = await findAccessKey(db, accessKeyId);
  if (!key) return undefined;
  if (key.status !== 'Active') return { inactive: true };
  const user = await getUserById(db, key.user_id);
  if (!user) return undefined;
  return {
    secretAccessKey: secrets.open(key.secret_sealed, accessKeyAad(key.account_id, key.access_key_id)).toString('utf8'),
    principal: await userPrincipal(db, user, accessKeyId),
  };
}

async function resolveSession(
  db: Db, secrets: SecretBox, accessKeyId: string, presentedToken: string | undefined,
): Promise<ResolvedCredentials | undefined> {
  const session = await findSession(db, accessKeyId);
  if (!session) return undefined;
  const sessionToken = sessionTokenFor(sessionTokenKey(secrets), accessKeyId);
  // The stored hash guards against a token derived under another master key; both compares are constant-time.
  if (!sessionTokenMatches(sessionToken, session.token_hash)) return undefined;
  if (presentedToken !== undefined && !sessionTokenMatches(presentedToken, session.token_hash)) return undefined;
  const expiresAt = new Date(session.expires_at);
  const secretAccessKey = secrets.open(session.secret_sealed, sessionAad(session.account_id, accessKeyId)).toString('utf8');
  const sessionTags = JSON.parse(session.session_tags) as Record<string, string>;
  let principal: Principal | undefined;
  if (session.kind === 'assumed-role' && session.role_id) {
    const role = await getRoleById(db, session.role_id);
    if (role) principal = await rolePrincipal(db, role, session.session_name ?? '', accessKeyId, sessionTags);
  } else if (session.kind === 'federated-user' && session.user_id) {
    const user = await getUserById(db, session.user_id);
    if (user) principal = await federatedPrincipal(db, user, session.session_name ?? '', accessKeyId, sessionTags);
  } else if (session.user_id) {
    const user = await getUserById(db, session.user_id);
    if (user) principal = await userPrincipal(db, user, accessKeyId);
  }
  // The role or user behind the session is gone: its credentials die with it.
  if (!principal) return undefined;
  principal.expiresAt = expiresAt;
  if (session.session_policy) principal.sessionPolicies = await sessionPolicyDocuments(db, session.account_id, session.session_policy);
  // AWS: a federated user given no session policy has no permissions at all.
  else if (session.kind === 'federated-user') principal.sessionPolicies = [];
  return { secretAccessKey, sessionToken, expiresAt, principal };
}

const parse = (documents: string[]): PolicyDocument[] =>
  documents.map((d) => JSON.parse(d) as PolicyDocument);

/** A user's principal: its own inline and attached policies and those of its groups. */
export async function userPrincipal(db: Db, user: IamUserRow, accessKeyId: string): Promise<Principal> {
  const groupIds = await groupIdsOfUser(db, user.user_id);
  const documents = [
    ...(await inlineDocumentsOf(db, 'user', [user.user_id])),
    ...(await attachedDocumentsOf(db, 'user', [user.user_id])),
    ...(await inlineDocumentsOf(db, 'group', groupIds)),
    ...(await attachedDocumentsOf(db, 'group', groupIds)),
  ];
  return {
    accountId: user.account_id,
    arn: user.arn,
    type: 'user',
    userId: user.user_id,
    name: user.user_name,
    userName: user.user_name,
    accessKeyId,
    tags: await tagMap(db, { kind: 'user', id: user.user_id }),
    policies: parse(documents),
  };
}

export const federatedUserArn = (accountId: string, name: string): string => `arn:aws:sts::${accountId}:federated-user/${name}`;

/**
 * A federated user (GetFederationToken): the IAM user's policies, narrowed by the session
 * policies (resolveAccessKey adds them); session tags win over the user's tags.
 */
export async function federatedPrincipal(
  db: Db, user: IamUserRow, name: string, accessKeyId: string, sessionTags: Record<string, string>,
): Promise<Principal> {
  const base = await userPrincipal(db, user, accessKeyId);
  return {
    ...base,
    arn: federatedUserArn(user.account_id, name),
    type: 'federated-user',
    // AWS: a federated user's id is the account and the name.
    userId: `${user.account_id}:${name}`,
    name,
    userName: undefined,
    tags: { ...base.tags, ...sessionTags },
  };
}

export const assumedRoleArn = (role: IamRoleRow, sessionName: string): string =>
  `arn:aws:sts::${role.account_id}:assumed-role/${role.role_name}/${sessionName}`;

/** An assumed role's principal: the role's policies; session tags win over the role's tags. */
export async function rolePrincipal(
  db: Db, role: IamRoleRow, sessionName: string, accessKeyId: string, sessionTags: Record<string, string>,
): Promise<Principal> {
  const documents = [
    ...(await inlineDocumentsOf(db, 'role', [role.role_id])),
    ...(await attachedDocumentsOf(db, 'role', [role.role_id])),
  ];
  return {
    accountId: role.account_id,
    // AWS: the assumed-role ARN has no path, even when the role has one.
    arn: assumedRoleArn(role, sessionName),
    type: 'assumed-role',
    userId: `${role.role_id}:${sessionName}`,
    name: role.role_name,
    accessKeyId,
    tags: { ...(await tagMap(db, { kind: 'role', id: role.role_id })), ...sessionTags },
    policies: parse(documents),
  };
}

/**
 * The server's secret box, set once at start (`server.ts`) for the IAM and STS handlers that
 * issue credentials: request contexts do not carry the server's secrets.
 */
let identityBox: SecretBox | undefined;

export function setIdentitySecrets(secrets: SecretBox): void {
  identityBox = secrets;
}

export function identitySecrets(): SecretBox {
  if (!identityBox) throw new Error('IAM has no master key: call setIdentitySecrets() at server start');
  return identityBox;
}
