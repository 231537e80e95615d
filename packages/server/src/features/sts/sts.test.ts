import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { forEachDatabase } from '../../../test/databases';
import { bootstrapAccount } from '../../iam/bootstrap';
import { resolveAccessKey, setIdentitySecrets } from '../../iam/credentials';
import type { RequestContext } from '../../operations/types';
import { createUserOperation } from '../iam/create-user';
import { createRoleOperation } from '../iam/create-role';
import { getRoleOperation } from '../iam/get-role';
import { updateRoleOperation } from '../iam/update-role';
import { deleteRoleOperation } from '../iam/delete-role';
import { putRolePolicyOperation } from '../iam/put-role-policy';
import { deleteRolePolicyOperation } from '../iam/delete-role-policy';
import { tagRoleOperation } from '../iam/tag-role';
import { listRoleTagsOperation } from '../iam/list-role-tags';
import { listRolesOperation } from '../iam/list-roles';
import { updateAssumeRolePolicyOperation } from '../iam/update-assume-role-policy';
import { contextAsUser, contextFor } from '../iam/testing';
import { assumeRoleOperation } from './assume-role';
import { getCallerIdentityOperation } from './get-caller-identity';
import { getSessionTokenOperation } from './get-session-token';

const trust = (principal: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });

forEachDatabase('roles and STS', (f) => {
  let admin: RequestContext;
  let stranger: RequestContext;
  let roleArn = '';
  before(async () => {
    setIdentitySecrets(f.secrets);
    const boot = await bootstrapAccount(f.db, f.secrets, { accountId: '123456789012' });
    admin = await contextAsUser(f.db, boot.accountId, 'admin', 'sts');
    await createUserOperation.handle({ UserName: 'stranger' }, admin);
    stranger = await contextAsUser(f.db, boot.accountId, 'stranger', 'sts');
  });

  it('creates a role whose trust policy must be a valid trust policy', async () => {
    await assert.rejects(
      createRoleOperation.handle({ RoleName: 'Bad', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }, admin),
      { code: 'MalformedPolicyDocument' },
    );
    const document = trust('arn:aws:iam::123456789012:user/admin');
    const out = await createRoleOperation.handle({ RoleName: 'Deployer', Path: '/ci/', AssumeRolePolicyDocument: document, MaxSessionDuration: 7200, Tags: [{ Key: 'env', Value: 'dev' }] }, admin);
    roleArn = out.Role.Arn;
    assert.equal(roleArn, 'arn:aws:iam::123456789012:role/ci/Deployer');
    assert.match(out.Role.RoleId, /^AROA[A-Z0-9]{17}$/);
    assert.equal(out.Role.AssumeRolePolicyDocument, encodeURIComponent(document));
    await putRolePolicyOperation.handle({ RoleName: 'Deployer', PolicyName: 'send', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: '*' }] }) }, admin);
    await tagRoleOperation.handle({ RoleName: 'Deployer', Tags: [{ Key: 'tier', Value: 'web' }] }, admin);
    assert.deepEqual((await listRoleTagsOperation.handle({ RoleName: 'Deployer' }, admin)).Tags.map((t) => t.Key), ['env', 'tier']);
    await assert.rejects(updateRoleOperation.handle({ RoleName: 'Deployer', MaxSessionDuration: 60 }, admin), { code: 'ValidationError' });
    assert.deepEqual((await listRolesOperation.handle({ PathPrefix: '/ci/' }, admin)).Roles.map((r) => r.RoleName), ['Deployer']);
  });

  it('GetCallerIdentity shows the user', async () => {
    const me = await getCallerIdentityOperation.handle({}, admin);
    assert.deepEqual(me, { UserId: admin.principal.userId, Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/admin' });
  });

  it('AssumeRole issues ASIA credentials that act as the role session, with session tags', async () => {
    const auth = await assumeRoleOperation.authorize!({ RoleArn: roleArn, RoleSessionName: 'build-1' }, admin);
    assert.deepEqual(auth.resources, [{ arn: roleArn, tags: { env: 'dev', tier: 'web' } }]);
    const out = await assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'build-1', DurationSeconds: 900, Tags: [{ Key: 'env', Value: 'prod' }] }, admin);
    const c = out.Credentials!;
    assert.match(c.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.Expiration.getTime() - admin.now.getTime(), 900_000);
    assert.equal(out.AssumedRoleUser!.Arn, 'arn:aws:sts::123456789012:assumed-role/Deployer/build-1');
    const role = await getRoleOperation.handle({ RoleName: 'Deployer' }, admin);
    assert.equal(out.AssumedRoleUser!.AssumedRoleId, `${role.Role.RoleId}:build-1`);
    assert.ok(role.Role.RoleLastUsed?.LastUsedDate instanceof Date);

    const resolved = await resolveAccessKey(f.db, f.secrets, c.AccessKeyId, new Date(), c.SessionToken);
    assert.ok(resolved && 'principal' in resolved);
    assert.equal(resolved.secretAccessKey, c.SecretAccessKey);
    assert.deepEqual(resolved.principal.tags, { env: 'prod', tier: 'web' });
    assert.ok(JSON.stringify(resolved.principal.policies).includes('ssm:SendCommand'));
    const asRole = contextFor(f.db, resolved.principal, 'sts');
    const who = await getCallerIdentityOperation.handle({}, asRole);
    assert.deepEqual(who, { UserId: `${role.Role.RoleId}:build-1`, Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/build-1' });

    // Role sessions may not call GetSessionToken, nor GetUser-style calls that need a user.
    await assert.rejects(getSessionTokenOperation.handle({}, asRole), { code: 'AccessDenied', statusCode: 403 });
  });

  it('refuses callers the trust policy does not name, and roles that do not exist, alike', async () => {
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 's1' }, stranger), {
      code: 'AccessDenied', statusCode: 403,
      message: `User: arn:aws:iam::123456789012:user/stranger is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    });
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: 'arn:aws:iam::123456789012:role/Nope', RoleSessionName: 's1' }, admin), { code: 'AccessDenied' });
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: 'arn:aws:iam::123456789012:role/Deployer', RoleSessionName: 's1' }, admin), { code: 'AccessDenied' }, 'wrong path');
    // Trusting the account lets any of its principals in (their own policies then decide).
    await updateAssumeRolePolicyOperation.handle({ RoleName: 'Deployer', PolicyDocument: trust('123456789012') }, admin);
    const out = await assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 's1' }, stranger);
    assert.ok(out.Credentials);
  });

  it('checks trust-policy conditions such as sts:ExternalId', async () => {
    const withExternalId = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'shared-secret' } } }],
    });
    await updateAssumeRolePolicyOperation.handle({ RoleName: 'Deployer', PolicyDocument: withExternalId }, admin);
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'x1' }, admin), { code: 'AccessDenied' });
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'x1', ExternalId: 'guess' }, admin), { code: 'AccessDenied' });
    const ok = await assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'x1', ExternalId: 'shared-secret' }, admin);
    assert.ok(ok.Credentials);
    await updateAssumeRolePolicyOperation.handle({ RoleName: 'Deployer', PolicyDocument: trust('123456789012') }, admin);
  });

  it('holds durations to the role maximum and role chaining to one hour', async () => {
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'long', DurationSeconds: 7201 }, admin), {
      code: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'short', DurationSeconds: 899 }, admin), { code: 'ValidationError' });
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'bad name!' }, admin), { code: 'ValidationError' });
    const ok = await assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'long', DurationSeconds: 7200 }, admin);
    const resolved = await resolveAccessKey(f.db, f.secrets, ok.Credentials!.AccessKeyId, new Date(), ok.Credentials!.SessionToken);
    assert.ok(resolved && 'principal' in resolved);
    await updateAssumeRolePolicyOperation.handle({ RoleName: 'Deployer', PolicyDocument: trust(roleArn) }, admin);
    const asRole = contextFor(f.db, resolved.principal, 'sts');
    await assert.rejects(assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'chain', DurationSeconds: 7200 }, asRole), {
      code: 'ValidationError', message: /role chaining/,
    });
    const chained = await assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'chain' }, asRole);
    assert.equal(chained.AssumedRoleUser!.Arn, 'arn:aws:sts::123456789012:assumed-role/Deployer/chain');
  });

  it('GetSessionToken gives a user temporary credentials that act as that user', async () => {
    const out = await getSessionTokenOperation.handle({ DurationSeconds: 900 }, admin);
    const resolved = await resolveAccessKey(f.db, f.secrets, out.Credentials!.AccessKeyId, new Date(), out.Credentials!.SessionToken);
    assert.ok(resolved && 'principal' in resolved);
    assert.equal(resolved.principal.arn, 'arn:aws:iam::123456789012:user/admin');
    assert.ok(resolved.expiresAt);
    await assert.rejects(getSessionTokenOperation.handle({ DurationSeconds: 129601 }, admin), { code: 'ValidationError' });
  });

  it('deletes a role only once its policies are gone, ending its sessions', async () => {
    await updateAssumeRolePolicyOperation.handle({ RoleName: 'Deployer', PolicyDocument: trust('123456789012') }, admin);
    const live = await assumeRoleOperation.handle({ RoleArn: roleArn, RoleSessionName: 'last' }, admin);
    assert.ok(await resolveAccessKey(f.db, f.secrets, live.Credentials!.AccessKeyId, new Date()));
    await assert.rejects(deleteRoleOperation.handle({ RoleName: 'Deployer' }, admin), { code: 'DeleteConflict', statusCode: 409 });
    await deleteRolePolicyOperation.handle({ RoleName: 'Deployer', PolicyName: 'send' }, admin);
    await deleteRoleOperation.handle({ RoleName: 'Deployer' }, admin);
    await assert.rejects(getRoleOperation.handle({ RoleName: 'Deployer' }, admin), { code: 'NoSuchEntity' });
    assert.equal(await resolveAccessKey(f.db, f.secrets, live.Credentials!.AccessKeyId, new Date()), undefined);
  });
});
