import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../../test/databases';
import { insertAccount } from './accounts';
import { createAccessKey, listAccessKeys } from './access-keys';
import { attachPolicy, listAttachedPolicies } from './attachments';
import { addUserToGroup, getGroup, groupDeleteConflict, insertGroup, listGroupsOfUser } from './groups';
import { putInlinePolicy, listInlinePolicyNames } from './inline-policies';
import { attachmentCount, getManagedPolicy, insertManagedPolicy, listManagedPolicies, policyDeleteConflict } from './managed-policies';
import { createPolicyVersion, deletePolicyVersion, listPolicyVersions } from './policy-versions';
import { createLoginProfile, verifyPassword } from './login-profiles';
import { createSession } from './sessions';
import { insertRole, getRole } from './roles';
import { putTags, listTags, removeTags } from './tags';
import { deleteUser, findUser, getUser, insertUser, listUsers, updateUser, userDeleteConflict } from './users';

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:*","Resource":"*"}]}';

forEachDatabase('identity store', (f) => {
  const A = '111111111111';
  const B = '222222222222';

  it('creates accounts and users with AWS-shaped ids and ARNs', async () => {
    await insertAccount(f.db, A, 'alpha');
    await insertAccount(f.db, B, null);
    const user = await insertUser(f.db, A, 'alice', '/eng/');
    assert.match(user.user_id, /^AIDA[A-Z0-9]{17}$/);
    assert.equal(user.arn, `arn:aws:iam::${A}:user/eng/alice`);
  });

  it('rejects a second user whose name differs only in case, but not in another account', async () => {
    await assert.rejects(insertUser(f.db, A, 'ALICE'), { code: 'EntityAlreadyExists', statusCode: 409 });
    const other = await insertUser(f.db, B, 'alice');
    assert.equal(other.arn, `arn:aws:iam::${B}:user/alice`);
    assert.equal((await getUser(f.db, A, 'Alice')).account_id, A);
  });

  it('keeps accounts apart', async () => {
    await insertUser(f.db, B, 'only-in-b');
    assert.equal(await findUser(f.db, A, 'only-in-b'), undefined);
    await assert.rejects(getUser(f.db, A, 'only-in-b'), { code: 'NoSuchEntity', statusCode: 404 });
    const names = (await listUsers(f.db, A, {})).items.map((u) => u.user_name);
    assert.deepEqual(names, ['alice']);
  });

  it('pages users with Marker and MaxItems, in name order', async () => {
    for (const name of ['carol', 'bob', 'dave', 'erin']) await insertUser(f.db, A, name);
    const first = await listUsers(f.db, A, { maxItems: 2 });
    assert.deepEqual(first.items.map((u) => u.user_name), ['alice', 'bob']);
    assert.equal(first.isTruncated, true);
    const second = await listUsers(f.db, A, { maxItems: 2, marker: first.marker });
    assert.deepEqual(second.items.map((u) => u.user_name), ['carol', 'dave']);
    const third = await listUsers(f.db, A, { maxItems: 2, marker: second.marker });
    assert.deepEqual(third.items.map((u) => u.user_name), ['erin']);
    assert.equal(third.isTruncated, false);
    assert.deepEqual((await listUsers(f.db, A, { pathPrefix: '/eng/' })).items.map((u) => u.user_name), ['alice']);
  });

  it('renames a user and moves its ARN', async () => {
    const erin = await getUser(f.db, A, 'erin');
    const moved = await updateUser(f.db, erin, { newUserName: 'erin2', newPath: '/ops/' });
    assert.equal(moved.arn, `arn:aws:iam::${A}:user/ops/erin2`);
    await assert.rejects(getUser(f.db, A, 'erin'), { code: 'NoSuchEntity' });
    await assert.rejects(updateUser(f.db, moved, { newUserName: 'Bob' }), { code: 'EntityAlreadyExists' });
  });

  it('refuses to delete a user with keys, policies or groups until they are gone', async () => {
    const bob = await getUser(f.db, A, 'bob');
    const { row } = await createAccessKey(f.db, f.secrets, bob);
    assert.match(await userDeleteConflict(f.db, bob) ?? '', /access keys/);
    await f.db.deleteFrom('iam_access_keys').where('access_key_id', '=', row.access_key_id).execute();
    await putInlinePolicy(f.db, { kind: 'user', id: bob.user_id, accountId: A, name: 'bob' }, 'p', DOC);
    assert.match(await userDeleteConflict(f.db, bob) ?? '', /policies/);
    await f.db.deleteFrom('iam_inline_policies').execute();
    const group = await insertGroup(f.db, A, 'devs');
    await addUserToGroup(f.db, group, bob);
    await addUserToGroup(f.db, group, bob); // AWS: adding twice is fine
    assert.match(await userDeleteConflict(f.db, bob) ?? '', /group/);
    assert.match(await groupDeleteConflict(f.db, group) ?? '', /users/);
    assert.deepEqual((await listGroupsOfUser(f.db, bob)).items.map((g) => g.group_name), ['devs']);
    await f.db.deleteFrom('iam_group_members').execute();
    assert.equal(await userDeleteConflict(f.db, bob), undefined);
    await putTags(f.db, { kind: 'user', id: bob.user_id, accountId: A }, [{ Key: 'team', Value: 'x' }]);
    await deleteUser(f.db, bob);
    assert.equal(await findUser(f.db, A, 'bob'), undefined);
    const orphanTags = await f.db.selectFrom('iam_tags').selectAll().where('resource_id', '=', bob.user_id).execute();
    assert.equal(orphanTags.length, 0);
    assert.equal((await getGroup(f.db, A, 'DEVS')).group_name, 'devs');
  });

  it('limits a user to two access keys and never stores a secret, token or password in clear', async () => {
    const carol = await getUser(f.db, A, 'carol');
    const one = await createAccessKey(f.db, f.secrets, carol);
    const two = await createAccessKey(f.db, f.secrets, carol);
    assert.match(one.row.access_key_id, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(one.secretAccessKey.length, 40);
    await assert.rejects(createAccessKey(f.db, f.secrets, carol), { code: 'LimitExceeded', statusCode: 409 });
    assert.equal((await listAccessKeys(f.db, carol.user_id)).length, 2);
    const role = await insertRole(f.db, A, { roleName: 'r', trustPolicy: '{}' });
    const issued = await createSession(f.db, f.secrets, {
      accountId: A, kind: 'assumed-role', roleId: role.role_id, sessionName: 's', expiresAt: new Date(Date.now() + 60_000),
    });
    await createLoginProfile(f.db, carol, 'Correct-Horse-9', false);
    const dump = JSON.stringify([
      await f.db.selectFrom('iam_access_keys').selectAll().execute(),
      await f.db.selectFrom('iam_sessions').selectAll().execute(),
      await f.db.selectFrom('iam_login_profiles').selectAll().execute(),
    ]);
    for (const secret of [one.secretAccessKey, two.secretAccessKey, issued.secretAccessKey, issued.sessionToken, 'Correct-Horse-9']) {
      assert.ok(!dump.includes(secret), 'a secret is stored in clear');
    }
    const profile = await f.db.selectFrom('iam_login_profiles').selectAll().executeTakeFirstOrThrow();
    assert.equal(await verifyPassword('Correct-Horse-9', profile.password_hash), true);
    assert.equal(await verifyPassword('wrong', profile.password_hash), false);
  });

  it('keeps up to five policy versions, never deletes the default, and counts attachments per account', async () => {
    const policy = await insertManagedPolicy(f.db, A, { policyName: 'Ops', document: DOC });
    assert.equal(policy.arn, `arn:aws:iam::${A}:policy/Ops`);
    await assert.rejects(insertManagedPolicy(f.db, A, { policyName: 'ops', document: DOC }), { code: 'EntityAlreadyExists' });
    for (let i = 0; i < 4; i++) await createPolicyVersion(f.db, policy, DOC, i === 3);
    await assert.rejects(createPolicyVersion(f.db, policy, DOC, false), { code: 'LimitExceeded' });
    const versions = await listPolicyVersions(f.db, policy.policy_id);
    assert.deepEqual(versions.map((v) => v.version_id), ['v5', 'v4', 'v3', 'v2', 'v1']);
    const current = await getManagedPolicy(f.db, A, policy.arn);
    assert.equal(current.default_version_id, 'v5');
    await assert.rejects(deletePolicyVersion(f.db, current, 'v5'), { code: 'DeleteConflict' });
    await deletePolicyVersion(f.db, current, 'v2');
    const after = await createPolicyVersion(f.db, current, DOC, false);
    assert.equal(after.version_id, 'v6', 'AWS never reuses a version id');
    assert.match(await policyDeleteConflict(f.db, current) ?? '', /non-default versions/);
    // Account B cannot see A's policy, but both see the AWS-managed ones.
    await assert.rejects(getManagedPolicy(f.db, B, policy.arn), { code: 'NoSuchEntity' });
    const admin = await getManagedPolicy(f.db, B, 'arn:aws:iam::aws:policy/AdministratorAccess');
    const carol = await getUser(f.db, A, 'carol');
    const owner = { kind: 'user' as const, id: carol.user_id, accountId: A, name: 'carol' };
    await attachPolicy(f.db, owner, admin);
    await attachPolicy(f.db, owner, admin);
    assert.equal(await attachmentCount(f.db, A, admin.policy_id), 1);
    assert.equal(await attachmentCount(f.db, B, admin.policy_id), 0);
    assert.deepEqual((await listAttachedPolicies(f.db, owner, {})).items.map((p) => p.policy_name), ['AdministratorAccess']);
  });

  it('lists policies by scope, attachment and path', async () => {
    const local = await listManagedPolicies(f.db, A, { scope: 'Local' });
    assert.deepEqual(local.items.map((p) => p.policy_name), ['Ops']);
    const aws = await listManagedPolicies(f.db, A, { scope: 'AWS' });
    assert.ok(aws.items.some((p) => p.arn === 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'));
    assert.ok(!aws.items.some((p) => p.account_id === A));
    const attached = await listManagedPolicies(f.db, A, { onlyAttached: true });
    assert.deepEqual(attached.items.map((p) => p.policy_name), ['AdministratorAccess']);
    assert.deepEqual((await listManagedPolicies(f.db, B, { onlyAttached: true })).items, []);
    const all: string[] = [];
    let marker: string | undefined;
    do {
      const page = await listManagedPolicies(f.db, A, { maxItems: 3, marker });
      all.push(...page.items.map((p) => p.policy_name));
      marker = page.marker;
    } while (marker);
    assert.equal(all.length, aws.items.length + 1);
    assert.equal(new Set(all).size, all.length);
  });

  it('tags case-insensitively and roles keep their defaults', async () => {
    const role = await getRole(f.db, A, 'R');
    assert.equal(role.max_session_duration, 3600);
    assert.match(role.role_id, /^AROA/);
    const res = { kind: 'role' as const, id: role.role_id, accountId: A };
    await putTags(f.db, res, [{ Key: 'Env', Value: 'dev' }, { Key: 'team', Value: 'a' }]);
    await putTags(f.db, res, [{ Key: 'env', Value: 'prod' }]);
    assert.deepEqual(await listTags(f.db, res), [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'a' }]);
    await removeTags(f.db, res, ['TEAM']);
    assert.deepEqual(await listTags(f.db, res), [{ Key: 'env', Value: 'prod' }]);
    const names = await listInlinePolicyNames(f.db, { kind: 'role', id: role.role_id, accountId: A, name: 'r' }, {});
    assert.deepEqual(names.items, []);
  });
});
