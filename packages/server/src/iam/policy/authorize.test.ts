import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../../operations/types';
import { authorize } from './authorize';
import { globalContext } from './context';
import { accessDeniedMessage } from './messages';

const ACCOUNT = '123456789012';
const PARAM = (name: string) => `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/${name}`;

function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/bob`, type: 'user', userId: 'AIDAEXAMPLEBOB', name: 'bob',
    userName: 'bob', accessKeyId: 'AKIAEXAMPLE', tags: { team: 'ops' }, policies: [], ...overrides,
  };
}
const facts = (p: Principal) => ({
  principal: p, sourceIp: '203.0.113.7', now: new Date('2026-11-28T12:00:00.123Z'), secureTransport: true, region: 'us-east-1', userAgent: 'aws-cli/2.15.0',
});
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('authorize', () => {
  it('lets the account root do anything, even with a Deny attached', () => {
    const root = principal({ type: 'root', arn: `arn:aws:iam::${ACCOUNT}:root`, policies: [policy({ Effect: 'Deny', Action: '*', Resource: '*' })] });
    assert.deepEqual(authorize(root, { action: 'ssm:DeleteParameter', resources: [PARAM('x')], context: {} }), { allowed: true });
  });
  it('denies a user with no policies, naming the resource', () => {
    assert.deepEqual(authorize(principal(), { action: 'ssm:GetParameter', resources: [PARAM('x')], context: {} }),
      { allowed: false, resource: PARAM('x'), decision: 'ImplicitDeny' });
  });
  it('needs every resource allowed and reports the first refused one', () => {
    const bob = principal({ policies: [policy({ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: PARAM('a') })] });
    const result = authorize(bob, { action: 'ssm:GetParameters', resources: [PARAM('a'), PARAM('b')], context: {} });
    assert.deepEqual(result, { allowed: false, resource: PARAM('b'), decision: 'ImplicitDeny' });
  });
  it('treats no resources as "*"', () => {
    const bob = principal({ policies: [policy({ Effect: 'Allow', Action: 'ssm:DescribeParameters', Resource: '*' })] });
    assert.deepEqual(authorize(bob, { action: 'ssm:DescribeParameters', resources: [], context: {} }), { allowed: true });
  });
  it('checks aws:ResourceTag per resource', () => {
    const bob = principal({ policies: [policy({ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } })] });
    const context = globalContext(facts(bob));
    assert.deepEqual(authorize(bob, { action: 'ssm:GetParameter', resources: [{ arn: PARAM('a'), tags: { team: 'ops' } }], context }), { allowed: true });
    assert.deepEqual(authorize(bob, { action: 'ssm:GetParameter', resources: [{ arn: PARAM('a'), tags: { team: 'ops' } }, { arn: PARAM('b'), tags: { team: 'dev' } }], context }),
      { allowed: false, resource: PARAM('b'), decision: 'ImplicitDeny' });
  });
  it('reports an explicit deny', () => {
    const bob = principal({ policies: [policy({ Effect: 'Allow', Action: 'ssm:*', Resource: '*' }), policy({ Effect: 'Deny', Action: 'ssm:Delete*', Resource: '*' })] });
    assert.deepEqual(authorize(bob, { action: 'ssm:DeleteParameter', resources: [PARAM('a')], context: {} }),
      { allowed: false, resource: PARAM('a'), decision: 'ExplicitDeny' });
  });
});

describe('globalContext', () => {
  it('describes an IAM user', () => {
    const ctx = globalContext(facts(principal()));
    assert.equal(ctx['aws:username'], 'bob');
    assert.equal(ctx['aws:userid'], 'AIDAEXAMPLEBOB');
    assert.equal(ctx['aws:PrincipalArn'], `arn:aws:iam::${ACCOUNT}:user/bob`);
    assert.equal(ctx['aws:PrincipalAccount'], ACCOUNT);
    assert.equal(ctx['aws:PrincipalType'], 'User');
    assert.equal(ctx['aws:PrincipalTag/team'], 'ops');
    assert.equal(ctx['aws:SourceIp'], '203.0.113.7');
    assert.equal(ctx['aws:CurrentTime'], '2026-11-28T12:00:00Z');
    assert.equal(ctx['aws:EpochTime'], '1795867200');
    assert.equal(ctx['aws:SecureTransport'], 'true');
    assert.equal(ctx['aws:RequestedRegion'], 'us-east-1');
    assert.equal(ctx['aws:UserAgent'], 'aws-cli/2.15.0');
  });
  it('gives a role session no aws:username and the role ARN as aws:PrincipalArn', () => {
    const session = principal({ type: 'assumed-role', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci-42`, userId: 'AROAEXAMPLE:ci-42', name: 'deployer', userName: undefined });
    const ctx = globalContext(facts(session));
    assert.equal('aws:username' in ctx, false);
    assert.equal(ctx['aws:PrincipalArn'], `arn:aws:iam::${ACCOUNT}:role/deployer`);
    assert.equal(ctx['aws:PrincipalType'], 'AssumedRole');
    assert.equal(ctx['aws:userid'], 'AROAEXAMPLE:ci-42');
  });
  it('gives root the account id as aws:userid', () => {
    const ctx = globalContext(facts(principal({ type: 'root', arn: `arn:aws:iam::${ACCOUNT}:root`, userName: undefined })));
    assert.equal(ctx['aws:userid'], ACCOUNT);
    assert.equal(ctx['aws:PrincipalType'], 'Account');
  });
  it('reports an IPv4 caller on a dual-stack socket as plain IPv4', () => {
    assert.equal(globalContext({ ...facts(principal()), sourceIp: '::ffff:203.0.113.7' })['aws:SourceIp'], '203.0.113.7');
    assert.equal(globalContext({ ...facts(principal()), sourceIp: '2001:db8::1' })['aws:SourceIp'], '2001:db8::1');
  });
});

describe('accessDeniedMessage', () => {
  it('words an implicit deny as AWS does', () => {
    assert.equal(accessDeniedMessage(`arn:aws:iam::${ACCOUNT}:user/bob`, 'ssm:GetParameter', PARAM('x'), 'ImplicitDeny'),
      `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: ssm:GetParameter on resource: ${PARAM('x')} because no identity-based policy allows the ssm:GetParameter action`);
  });
  it('words an explicit deny as AWS does', () => {
    assert.equal(accessDeniedMessage(`arn:aws:iam::${ACCOUNT}:user/bob`, 'ssm:DeleteParameter', PARAM('x'), 'ExplicitDeny'),
      `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: ssm:DeleteParameter on resource: ${PARAM('x')} with an explicit deny in an identity-based policy`);
  });
});
