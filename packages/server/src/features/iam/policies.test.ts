import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { forEachDatabase } from '../../../test/databases';
import { bootstrapAccount } from '../../iam/bootstrap';
import { setIdentitySecrets, userPrincipal } from '../../iam/credentials';
import { getUser } from '../../iam/store/users';
import type { RequestContext } from '../../operations/types';
import { createUserOperation } from './create-user';
import { putUserPolicyOperation } from './put-user-policy';
import { getUserPolicyOperation } from './get-user-policy';
import { listUserPoliciesOperation } from './list-user-policies';
import { deleteUserPolicyOperation } from './delete-user-policy';
import { deleteUserOperation } from './delete-user';
import { createPolicyOperation } from './create-policy';
import { getPolicyOperation } from './get-policy';
import { createPolicyVersionOperation } from './create-policy-version';
import { getPolicyVersionOperation } from './get-policy-version';
import { listPolicyVersionsOperation } from './list-policy-versions';
import { deletePolicyVersionOperation } from './delete-policy-version';
import { listPoliciesOperation } from './list-policies';
import { deletePolicyOperation } from './delete-policy';
import { attachUserPolicyOperation } from './attach-user-policy';
import { detachUserPolicyOperation } from './detach-user-policy';
import { listAttachedUserPoliciesOperation } from './list-attached-user-policies';
import { createGroupOperation } from './create-group';
import { getGroupOperation } from './get-group';
import { deleteGroupOperation } from './delete-group';
import { addUserToGroupOperation } from './add-user-to-group';
import { removeUserFromGroupOperation } from './remove-user-from-group';
import { listGroupsForUserOperation } from './list-groups-for-user';
import { putGroupPolicyOperation } from './put-group-policy';
import { attachGroupPolicyOperation } from './attach-group-policy';
import { listEntitiesForPolicyOperation } from './list-entities-for-policy';
import { tagPolicyOperation } from './tag-policy';
import { listPolicyTagsOperation } from './list-policy-tags';
import { contextAsUser } from './testing';

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

forEachDatabase('IAM policy and group operations', (f) => {
  let admin: RequestContext;
  let other: RequestContext;
  let policyArn = '';
  before(async () => {
    setIdentitySecrets(f.secrets);
    admin = await contextAsUser(f.db, (await bootstrapAccount(f.db, f.secrets)).accountId, 'admin');
    other = await contextAsUser(f.db, (await bootstrapAccount(f.db, f.secrets)).accountId, 'admin');
    await createUserOperation.handle({ UserName: 'dev' }, admin);
  });

  it('stores inline user policies, returns them URL-encoded, and refuses malformed ones', async () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ssm:Get*", "Resource": "*"}]}';
    await putUserPolicyOperation.handle({ UserName: 'dev', PolicyName: 'read', PolicyDocument: text }, admin);
    const got = await getUserPolicyOperation.handle({ UserName: 'dev', PolicyName: 'read' }, admin);
    assert.equal(got.PolicyDocument, encodeURIComponent(text));
    assert.equal(decodeURIComponent(got.PolicyDocument), text, 'kept exactly as sent');
    await assert.rejects(
      putUserPolicyOperation.handle({ UserName: 'dev', PolicyName: 'bad', PolicyDocument: '{"Statement": "nope"' }, admin),
      { code: 'MalformedPolicyDocument', statusCode: 400 },
    );
    await assert.rejects(
      putUserPolicyOperation.handle({ UserName: 'dev', PolicyName: 'big', PolicyDocument: doc('ssm:' + 'X'.repeat(2100)) }, admin),
      { code: 'LimitExceeded' },
    );
    assert.deepEqual((await listUserPoliciesOperation.handle({ UserName: 'dev' }, admin)).PolicyNames, ['read']);
    await assert.rejects(deleteUserOperation.handle({ UserName: 'dev' }, admin), { code: 'DeleteConflict' });
    await deleteUserPolicyOperation.handle({ UserName: 'dev', PolicyName: 'read' }, admin);
    await assert.rejects(getUserPolicyOperation.handle({ UserName: 'dev', PolicyName: 'read' }, admin), { code: 'NoSuchEntity' });
  });

  it('creates managed policies with versions (at most five, default never deleted)', async () => {
    await assert.rejects(
      createPolicyOperation.handle({ PolicyName: 'Old', PolicyDocument: JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }, admin),
      { code: 'MalformedPolicyDocument' },
    );
    const created = await createPolicyOperation.handle({ PolicyName: 'Deploy', Path: '/ci/', PolicyDocument: doc('ssm:SendCommand'), Description: 'deployers' }, admin);
    policyArn = created.Policy!.Arn!;
    assert.equal(policyArn, `arn:aws:iam::${admin.accountId}:policy/ci/Deploy`);
    assert.match(created.Policy!.PolicyId!, /^ANPA[A-Z0-9]{17}$/);
    assert.equal(created.Policy!.DefaultVersionId, 'v1');
    const v2 = await createPolicyVersionOperation.handle({ PolicyArn: policyArn, PolicyDocument: doc('ssm:*'), SetAsDefault: true }, admin);
    assert.equal(v2.PolicyVersion?.VersionId, 'v2');
    assert.equal((await getPolicyOperation.handle({ PolicyArn: policyArn }, admin)).Policy?.DefaultVersionId, 'v2');
    const v1 = await getPolicyVersionOperation.handle({ PolicyArn: policyArn, VersionId: 'v1' }, admin);
    assert.equal(decodeURIComponent(v1.PolicyVersion!.Document!), doc('ssm:SendCommand'));
    assert.equal(v1.PolicyVersion!.IsDefaultVersion, false);
    for (let i = 0; i < 3; i++) await createPolicyVersionOperation.handle({ PolicyArn: policyArn, PolicyDocument: doc('ssm:*') }, admin);
    await assert.rejects(createPolicyVersionOperation.handle({ PolicyArn: policyArn, PolicyDocument: doc('ssm:*') }, admin), { code: 'LimitExceeded' });
    await assert.rejects(deletePolicyVersionOperation.handle({ PolicyArn: policyArn, VersionId: 'v2' }, admin), { code: 'DeleteConflict' });
    await deletePolicyVersionOperation.handle({ PolicyArn: policyArn, VersionId: 'v5' }, admin);
    const versions = (await listPolicyVersionsOperation.handle({ PolicyArn: policyArn }, admin)).Versions!;
    assert.deepEqual(versions.map((v) => `${v.VersionId}${v.IsDefaultVersion ? '*' : ''}`), ['v4', 'v3', 'v2*', 'v1']);
    await assert.rejects(getPolicyOperation.handle({ PolicyArn: policyArn }, other), { code: 'NoSuchEntity' });
  });

  it('never lets an account change an AWS-managed policy', async () => {
    const arn = 'arn:aws:iam::aws:policy/AdministratorAccess';
    assert.equal((await getPolicyOperation.handle({ PolicyArn: arn }, admin)).Policy?.PolicyName, 'AdministratorAccess');
    await assert.rejects(createPolicyVersionOperation.handle({ PolicyArn: arn, PolicyDocument: doc('*') }, admin), { code: 'AccessDenied' });
    await assert.rejects(deletePolicyOperation.handle({ PolicyArn: arn }, admin), { code: 'AccessDenied' });
  });

  it('attaches policies to users, lists them by scope, and refuses to delete an attached policy', async () => {
    await attachUserPolicyOperation.handle({ UserName: 'dev', PolicyArn: policyArn }, admin);
    await assert.rejects(attachUserPolicyOperation.handle({ UserName: 'dev', PolicyArn: `arn:aws:iam::${admin.accountId}:policy/Nope` }, admin), { code: 'NoSuchEntity' });
    await assert.rejects(attachUserPolicyOperation.handle({ UserName: 'dev', PolicyArn: 'not-an-arn' }, admin), { code: 'InvalidInput' });
    const attached = await listAttachedUserPoliciesOperation.handle({ UserName: 'dev' }, admin);
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'Deploy', PolicyArn: policyArn }]);
    const local = await listPoliciesOperation.handle({ Scope: 'Local' }, admin);
    assert.deepEqual(local.Policies!.map((p) => [p.PolicyName, p.AttachmentCount]), [['Deploy', 1]]);
    const onlyAttached = await listPoliciesOperation.handle({ OnlyAttached: true }, admin);
    assert.deepEqual(onlyAttached.Policies!.map((p) => p.PolicyName).sort(), ['AdministratorAccess', 'Deploy']);
    const aws = await listPoliciesOperation.handle({ Scope: 'AWS', MaxItems: 2 }, admin);
    assert.equal(aws.Policies!.length, 2);
    assert.equal(aws.IsTruncated, true);
    assert.ok(aws.Policies!.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    assert.equal((await listPoliciesOperation.handle({ PathPrefix: '/ci/' }, admin)).Policies!.length, 1);
    await assert.rejects(deletePolicyOperation.handle({ PolicyArn: policyArn }, admin), { code: 'DeleteConflict' });
    const entities = await listEntitiesForPolicyOperation.handle({ PolicyArn: policyArn }, admin);
    assert.deepEqual(entities.PolicyUsers!.map((u) => u.UserName), ['dev']);
    assert.deepEqual(entities.PolicyRoles, []);
    await tagPolicyOperation.handle({ PolicyArn: policyArn, Tags: [{ Key: 'owner', Value: 'ci' }] }, admin);
    assert.deepEqual((await listPolicyTagsOperation.handle({ PolicyArn: policyArn }, admin)).Tags, [{ Key: 'owner', Value: 'ci' }]);
    await detachUserPolicyOperation.handle({ UserName: 'dev', PolicyArn: policyArn }, admin);
    await assert.rejects(detachUserPolicyOperation.handle({ UserName: 'dev', PolicyArn: policyArn }, admin), { code: 'NoSuchEntity' });
    await assert.rejects(deletePolicyOperation.handle({ PolicyArn: policyArn }, admin), { code: 'DeleteConflict' }, 'non-default versions remain');
    for (const v of ['v1', 'v3', 'v4']) await deletePolicyVersionOperation.handle({ PolicyArn: policyArn, VersionId: v }, admin);
    await deletePolicyOperation.handle({ PolicyArn: policyArn }, admin);
    await assert.rejects(getPolicyOperation.handle({ PolicyArn: policyArn }, admin), { code: 'NoSuchEntity' });
  });

  it("gives group members the group's policies, and empties a group before deleting it", async () => {
    const group = await createGroupOperation.handle({ GroupName: 'ops' }, admin);
    assert.match(group.Group.GroupId, /^AGPA[A-Z0-9]{17}$/);
    await addUserToGroupOperation.handle({ GroupName: 'ops', UserName: 'dev' }, admin);
    await putGroupPolicyOperation.handle({ GroupName: 'ops', PolicyName: 'kms', PolicyDocument: doc('kms:Decrypt') }, admin);
    await attachGroupPolicyOperation.handle({ GroupName: 'ops', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess' }, admin);
    const principal = await userPrincipal(f.db, await getUser(f.db, admin.accountId, 'dev'), 'AKIAX');
    const flat = JSON.stringify(principal.policies);
    assert.ok(flat.includes('kms:Decrypt') && flat.includes('ssm:Describe*'));
    const shown = await getGroupOperation.handle({ GroupName: 'ops' }, admin);
    assert.deepEqual(shown.Users.map((u) => u.UserName), ['dev']);
    assert.deepEqual((await listGroupsForUserOperation.handle({ UserName: 'dev' }, admin)).Groups.map((g) => g.GroupName), ['ops']);
    await assert.rejects(deleteGroupOperation.handle({ GroupName: 'ops' }, admin), { code: 'DeleteConflict' });
    await removeUserFromGroupOperation.handle({ GroupName: 'ops', UserName: 'dev' }, admin);
    await assert.rejects(removeUserFromGroupOperation.handle({ GroupName: 'ops', UserName: 'dev' }, admin), { code: 'NoSuchEntity' });
    const after = await userPrincipal(f.db, await getUser(f.db, admin.accountId, 'dev'), 'AKIAX');
    assert.ok(!JSON.stringify(after.policies).includes('kms:Decrypt'), 'policies leave with the membership');
    await assert.rejects(deleteGroupOperation.handle({ GroupName: 'ops' }, admin), { code: 'DeleteConflict' }, 'still has policies');
  });
});
