import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateTrust } from './trust';

const ACCOUNT = '123456789012';
const OTHER = '999999999999';
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const trusting = (Principal: unknown, extra: Record<string, unknown> = {}) =>
  ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra }] });
const ask = (principalArn: string, accountId = ACCOUNT, context = {}) => ({ principalArn, accountId, action: 'sts:AssumeRole', context });

/** [what, trust policy, caller, expected decision] */
const cases: Array<[string, Record<string, unknown>, ReturnType<typeof ask>, string]> = [
  ['account id trusts a user of that account', trusting({ AWS: ACCOUNT }), ask(BOB), 'Allow'],
  ['account id does not trust another account', trusting({ AWS: OTHER }), ask(BOB), 'ImplicitDeny'],
  [':root ARN trusts the whole account', trusting({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), ask(BOB), 'Allow'],
  ['user ARN trusts exactly that user', trusting({ AWS: BOB }), ask(BOB), 'Allow'],
  ['user ARN does not trust another user', trusting({ AWS: BOB }), ask(`arn:aws:iam::${ACCOUNT}:user/alice`), 'ImplicitDeny'],
  ['role ARN trusts its sessions', trusting({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }), ask(`arn:aws:sts::${ACCOUNT}:assumed-role/ci/run-1`), 'Allow'],
  ['role ARN does not trust another role', trusting({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }), ask(`arn:aws:sts::${ACCOUNT}:assumed-role/web/run-1`), 'ImplicitDeny'],
  ['"*" trusts anyone', trusting('*'), ask(`arn:aws:iam::${OTHER}:user/eve`, OTHER), 'Allow'],
  ['{ AWS: "*" } trusts anyone', trusting({ AWS: '*' }), ask(BOB), 'Allow'],
  ['list of principals', trusting({ AWS: [OTHER, BOB] }), ask(BOB), 'Allow'],
  ['service principal', trusting({ Service: 'ssm.amazonaws.com' }), ask('ssm.amazonaws.com'), 'Allow'],
  ['another action is not trusted', trusting({ AWS: ACCOUNT }), { ...ask(BOB), action: 'sts:TagSession' }, 'ImplicitDeny'],
  ['condition holds', trusting({ AWS: ACCOUNT }, { Condition: { StringEquals: { 'sts:ExternalId': 'xyz' } } }), ask(BOB, ACCOUNT, { 'sts:ExternalId': 'xyz' }), 'Allow'],
  ['condition fails', trusting({ AWS: ACCOUNT }, { Condition: { StringEquals: { 'sts:ExternalId': 'xyz' } } }), ask(BOB), 'ImplicitDeny'],
  ['Deny beats Allow', { Version: '2012-10-17', Statement: [trusting('*').Statement[0], { Effect: 'Deny', Principal: { AWS: BOB }, Action: 'sts:AssumeRole' }] }, ask(BOB), 'ExplicitDeny'],
  ['NotPrincipal Deny spares the listed', { Version: '2012-10-17', Statement: [trusting('*').Statement[0], { Effect: 'Deny', NotPrincipal: { AWS: BOB }, Action: 'sts:AssumeRole' }] }, ask(BOB), 'Allow'],
  ['NotPrincipal Deny hits the others', { Version: '2012-10-17', Statement: [trusting('*').Statement[0], { Effect: 'Deny', NotPrincipal: { AWS: BOB }, Action: 'sts:AssumeRole' }] }, ask(`arn:aws:iam::${ACCOUNT}:user/alice`), 'ExplicitDeny'],
];

describe('evaluateTrust', () => {
  for (const [what, policy, request, expected] of cases) {
    it(`${what} → ${expected}`, () => assert.equal(evaluateTrust(policy, request).decision, expected));
  }
  it('refuses a stored trust policy that carries a Resource', () => {
    assert.throws(() => evaluateTrust(trusting({ AWS: ACCOUNT }, { Resource: '*' }), ask(BOB)), /Has prohibited field Resource/);
  });
});
