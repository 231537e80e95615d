import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { forEachDatabase } from '../../../test/databases';
import { bootstrapAccount } from '../../iam/bootstrap';
import { resolveAccessKey, setIdentitySecrets } from '../../iam/credentials';
import type { RequestContext } from '../../operations/types';
import { createUserOperation } from './create-user';
import { getUserOperation } from './get-user';
import { listUsersOperation } from './list-users';
import { updateUserOperation } from './update-user';
import { deleteUserOperation } from './delete-user';
import { tagUserOperation } from './tag-user';
import { untagUserOperation } from './untag-user';
import { listUserTagsOperation } from './list-user-tags';
import { createAccessKeyOperation } from './create-access-key';
import { listAccessKeysOperation } from './list-access-keys';
import { updateAccessKeyOperation } from './update-access-key';
import { deleteAccessKeyOperation } from './delete-access-key';
import { getAccessKeyLastUsedOperation } from './get-access-key-last-used';
import { createLoginProfileOperation } from './create-login-profile';
import { getLoginProfileOperation } from './get-login-profile';
import { deleteLoginProfileOperation } from './delete-login-profile';
import { contextAsUser } from './testing';

forEachDatabase('IAM user operations', (f) => {
  let admin: RequestContext;
  let other: RequestContext;
  before(async () => {
    setIdentitySecrets(f.secrets);
    const a = await bootstrapAccount(f.db, f.secrets, {});
    const b = await bootstrapAccount(f.db, f.secrets, {});
    admin = await contextAsUser(f.db, a.accountId, 'admin');
    other = await contextAsUser(f.db, b.accountId, 'admin');
  });

  it('creates a user with tags and declares its ARN and request tags for authorisation', async () => {
    const input = { UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'blue' }] };
    const auth = await createUserOperation.authorize!(input, admin);
    assert.deepEqual(auth.resources, [`arn:aws:iam::${admin.accountId}:user/eng/alice`]);
    assert.deepEqual(auth.context, { 'aws:RequestTag/team': 'blue', 'aws:TagKeys': ['team'] });
    const out = await createUserOperation.handle(input, admin);
    assert.equal(out.User?.Arn, `arn:aws:iam::${admin.accountId}:user/eng/alice`);
    assert.match(out.User!.UserId, /^AIDA[A-Z0-9]{17}$/);
    assert.ok(out.User!.CreateDate instanceof Date);
    assert.deepEqual(out.User!.Tags, [{ Key: 'team', Value: 'blue' }]);
    await assert.rejects(createUserOperation.handle({ UserName: 'Alice' }, admin), { code: 'EntityAlreadyExists', statusCode: 409 });
    await assert.rejects(createUserOperation.handle({ UserName: 'x', Tags: [{ Key: 'aws:k', Value: 'v' }] }, admin), { code: 'InvalidInput' });
  });

  it('GetUser without a name describes the caller; another account sees nothing', async () => {
    assert.equal((await getUserOperation.handle({}, admin)).User.UserName, 'admin');
    assert.equal((await getUserOperation.handle({ UserName: 'alice' }, admin)).User.Path, '/eng/');
    await assert.rejects(getUserOperation.handle({ UserName: 'alice' }, other), { code: 'NoSuchEntity', statusCode: 404 });
    const auth = await getUserOperation.authorize!({ UserName: 'alice' }, admin);
    assert.deepEqual(auth.resources, [{ arn: `arn:aws:iam::${admin.accountId}:user/eng/alice`, tags: { team: 'blue' } }]);
  });

  it('lists users in pages', async () => {
    for (const name of ['bob', 'carol', 'dave']) await createUserOperation.handle({ UserName: name }, admin);
    const first = await listUsersOperation.handle({ MaxItems: 3 }, admin);
    assert.deepEqual(first.Users.map((u) => u.UserName), ['admin', 'alice', 'bob']);
    assert.equal(first.IsTruncated, true);
    const rest = await listUsersOperation.handle({ MaxItems: 3, Marker: first.Marker }, admin);
    assert.deepEqual(rest.Users.map((u) => u.UserName), ['carol', 'dave']);
    assert.equal(rest.IsTruncated, false);
    assert.equal(rest.Marker, undefined);
    assert.deepEqual((await listUsersOperation.handle({}, other)).Users.map((u) => u.UserName), ['admin']);
  });

  it('renames a user and manages its tags', async () => {
    await updateUserOperation.handle({ UserName: 'dave', NewUserName: 'david', NewPath: '/ops/' }, admin);
    assert.equal((await getUserOperation.handle({ UserName: 'david' }, admin)).User.Arn, `arn:aws:iam::${admin.accountId}:user/ops/david`);
    await tagUserOperation.handle({ UserName: 'david', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }, admin);
    await untagUserOperation.handle({ UserName: 'david', TagKeys: ['a'] }, admin);
    assert.deepEqual((await listUserTagsOperation.handle({ UserName: 'david' }, admin)).Tags, [{ Key: 'b', Value: '2' }]);
  });

  it('shows a new secret once, lists keys without it, and deactivates keys', async () => {
    const created = await createAccessKeyOperation.handle({ UserName: 'bob' }, admin);
    const key = created.AccessKey;
    assert.match(key.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(key.SecretAccessKey.length, 40);
    assert.equal(key.Status, 'Active');
    const listed = await listAccessKeysOperation.handle({ UserName: 'bob' }, admin);
    assert.equal(listed.AccessKeyMetadata.length, 1);
    assert.ok(!JSON.stringify(listed).includes(key.SecretAccessKey));
    const lastUsed = await getAccessKeyLastUsedOperation.handle({ AccessKeyId: key.AccessKeyId }, admin);
    assert.deepEqual(lastUsed, { UserName: 'bob', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    await updateAccessKeyOperation.handle({ UserName: 'bob', AccessKeyId: key.AccessKeyId, Status: 'Inactive' }, admin);
    assert.deepEqual(await resolveAccessKey(f.db, f.secrets, key.AccessKeyId, new Date()), { inactive: true });
    await assert.rejects(updateAccessKeyOperation.handle({ UserName: 'carol', AccessKeyId: key.AccessKeyId, Status: 'Active' }, admin), { code: 'NoSuchEntity' });
    await assert.rejects(getAccessKeyLastUsedOperation.handle({ AccessKeyId: key.AccessKeyId }, other), { code: 'NoSuchEntity' });
    // No UserName: the caller's own keys.
    const mine = await listAccessKeysOperation.handle({}, admin);
    assert.deepEqual(mine.AccessKeyMetadata.map((k) => k.UserName), ['admin']);
  });

  it('refuses to delete a user that still has a key or a password, then deletes it', async () => {
    await assert.rejects(deleteUserOperation.handle({ UserName: 'bob' }, admin), { code: 'DeleteConflict', statusCode: 409 });
    const [key] = (await listAccessKeysOperation.handle({ UserName: 'bob' }, admin)).AccessKeyMetadata;
    await deleteAccessKeyOperation.handle({ UserName: 'bob', AccessKeyId: key.AccessKeyId! }, admin);
    await assert.rejects(createLoginProfileOperation.handle({ UserName: 'bob', Password: 'short' }, admin), { code: 'PasswordPolicyViolation' });
    const profile = await createLoginProfileOperation.handle({ UserName: 'bob', Password: 'Tr0ub4dor&3x', PasswordResetRequired: true }, admin);
    assert.equal(profile.LoginProfile.PasswordResetRequired, true);
    assert.deepEqual(createLoginProfileOperation.sensitiveInput, ['Password']);
    assert.equal((await getLoginProfileOperation.handle({ UserName: 'bob' }, admin)).LoginProfile.UserName, 'bob');
    await assert.rejects(deleteUserOperation.handle({ UserName: 'bob' }, admin), { code: 'DeleteConflict' });
    await deleteLoginProfileOperation.handle({ UserName: 'bob' }, admin);
    await assert.rejects(getLoginProfileOperation.handle({ UserName: 'bob' }, admin), { code: 'NoSuchEntity' });
    await deleteUserOperation.handle({ UserName: 'bob' }, admin);
    await assert.rejects(getUserOperation.handle({ UserName: 'bob' }, admin), { code: 'NoSuchEntity' });
  });
});
