import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../test/databases';
import { bootstrapAccount, hasAnyAccount } from './bootstrap';
import { resolveAccessKey } from './credentials';
import { createAccessKey, setAccessKeyStatus } from './store/access-keys';
import { attachPolicy } from './store/attachments';
import { addUserToGroup, insertGroup } from './store/groups';
import { putInlinePolicy } from './store/inline-policies';
import { getManagedPolicy } from './store/managed-policies';
import { deleteRole, insertRole } from './store/roles';
import { createSession } from './store/sessions';
import { putTags } from './store/tags';
import { getUser, insertUser } from './store/users';

const allow = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
// The implicit sts:GetCallerIdentity grant every principal carries is left out.
const actions = (policies: Array<Record<string, unknown>>) =>
  policies.flatMap((p) => (p.Statement as Array<{ Action: string }>).map((s) => s.Action)).sort();

forEachDatabase('credential resolution', (f) => {
  let accountId = '';

  it('bootstraps an account with an admin whose key resolves to AdministratorAccess', async () => {
    assert.equal(await hasAnyAccount(f.db), false);
    const boot = await bootstrapAccount(f.db, f.secrets, { accountAlias: 'lab' });
    accountId = boot.accountId;
    assert.equal(await hasAnyAccount(f.db), true);
    assert.match(accountId, /^\d{12}$/);
    assert.equal(boot.userArn, `arn:aws:iam::${accountId}:user/admin`);
    const found = await resolveAccessKey(f.db, f.secrets, boot.accessKeyId, new Date());
    assert.ok(found && 'principal' in found);
    assert.equal(found.secretAccessKey, boot.secretAccessKey);
    assert.equal(found.sessionToken, undefined);
    assert.equal(found.principal.type, 'user');
    assert.equal(found.principal.userName, 'admin');
    assert.deepEqual(actions(found.principal.policies), ['*']);
    await assert.rejects(bootstrapAccount(f.db, f.secrets, { accountId }), /already exists/);
  });

  it("gathers the user's inline, attached and group policies and tags", async () => {
    const user = await insertUser(f.db, accountId, 'dev');
    await putTags(f.db, { kind: 'user', id: user.user_id, accountId }, [{ Key: 'team', Value: 'blue' }]);
    await putInlinePolicy(f.db, { kind: 'user', id: user.user_id, accountId, name: 'dev' }, 'own', allow('ssm:GetParameter'));
    const group = await insertGroup(f.db, accountId, 'readers');
    await addUserToGroup(f.db, group, user);
    await putInlinePolicy(f.db, { kind: 'group', id: group.group_id, accountId, name: 'readers' }, 'g', allow('kms:Decrypt'));
    const ro = await getManagedPolicy(f.db, accountId, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    await attachPolicy(f.db, { kind: 'group', id: group.group_id, accountId, name: 'readers' }, ro);
    const { row, secretAccessKey } = await createAccessKey(f.db, f.secrets, user);
    const found = await resolveAccessKey(f.db, f.secrets, row.access_key_id, new Date());
    assert.ok(found && 'principal' in found);
    assert.equal(found.secretAccessKey, secretAccessKey);
    assert.equal(found.principal.userId, user.user_id);
    assert.deepEqual(found.principal.tags, { team: 'blue' });
    const flat = JSON.stringify(found.principal.policies);
    for (const action of ['ssm:GetParameter', 'kms:Decrypt', 'iam:List*']) assert.ok(flat.includes(action), action);
  });

  it('reports an inactive key and does not know a made-up one', async () => {
    const user = await getUser(f.db, accountId, 'dev');
    const { row } = await createAccessKey(f.db, f.secrets, user);
    await setAccessKeyStatus(f.db, row.access_key_id, 'Inactive');
    assert.deepEqual(await resolveAccessKey(f.db, f.secrets, row.access_key_id, new Date()), { inactive: true });
    assert.equal(await resolveAccessKey(f.db, f.secrets, 'AKIAAAAAAAAAAAAAAAAA', new Date()), undefined);
  });

  it('resolves assumed-role credentials to the role session, with the token and expiry', async () => {
    const role = await insertRole(f.db, accountId, { roleName: 'Deployer', path: '/ci/', trustPolicy: '{}' });
    await putTags(f.db, { kind: 'role', id: role.role_id, accountId }, [{ Key: 'env', Value: 'dev' }, { Key: 'tier', Value: 'x' }]);
    await putInlinePolicy(f.db, { kind: 'role', id: role.role_id, accountId, name: 'Deployer' }, 'deploy', allow('ssm:SendCommand'));
    const now = new Date();
    const issued = await createSession(f.db, f.secrets, {
      accountId, kind: 'assumed-role', roleId: role.role_id, sessionName: 'build-7',
      sessionTags: { env: 'prod' }, expiresAt: new Date(now.getTime() + 900_000),
    });
    assert.match(issued.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    const found = await resolveAccessKey(f.db, f.secrets, issued.accessKeyId, now, issued.sessionToken);
    assert.ok(found && 'principal' in found);
    assert.equal(found.secretAccessKey, issued.secretAccessKey);
    assert.equal(found.sessionToken, issued.sessionToken);
    assert.equal(found.expiresAt?.getTime(), issued.expiresAt.getTime());
    assert.equal(found.principal.arn, `arn:aws:sts::${accountId}:assumed-role/Deployer/build-7`);
    assert.equal(found.principal.userId, `${role.role_id}:build-7`);
    assert.equal(found.principal.type, 'assumed-role');
    assert.equal(found.principal.userName, undefined);
    assert.deepEqual(found.principal.tags, { env: 'prod', tier: 'x' }, 'session tags win');
    assert.deepEqual(actions(found.principal.policies), ['ssm:SendCommand']);
    // A wrong token is refused; without one the front door still gets the token to compare against.
    assert.equal(await resolveAccessKey(f.db, f.secrets, issued.accessKeyId, now, issued.sessionToken + 'x'), undefined);
    const noToken = await resolveAccessKey(f.db, f.secrets, issued.accessKeyId, now);
    assert.ok(noToken && 'sessionToken' in noToken && noToken.sessionToken === issued.sessionToken);
  });

  it('hands back expired credentials as expired, and forgets sessions of a deleted role', async () => {
    const role = await insertRole(f.db, accountId, { roleName: 'Short', trustPolicy: '{}' });
    const past = new Date(Date.now() - 1000);
    const issued = await createSession(f.db, f.secrets, { accountId, kind: 'assumed-role', roleId: role.role_id, sessionName: 's', expiresAt: past });
    const found = await resolveAccessKey(f.db, f.secrets, issued.accessKeyId, new Date(), issued.sessionToken);
    assert.ok(found && 'expiresAt' in found);
    assert.ok(found.expiresAt!.getTime() < Date.now(), 'the front door sees that it expired');
    await deleteRole(f.db, role);
    assert.equal(await resolveAccessKey(f.db, f.secrets, issued.accessKeyId, new Date(), issued.sessionToken), undefined);
  });
});
