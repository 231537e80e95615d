/**
 * The generated request/response types, checked by the typechecker (npx tsc -p
 * packages/protocol): a misspelled member or a wrong type must not compile.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { IamInput, Input, KmsOutput, Output, SsmOperationName, StsOutput } from './index';
import { operationNames } from './index';

it('request and response types follow the model', () => {
  const put: Input<'PutParameter'> = { Name: '/app/db', Value: 's3cret', Type: 'SecureString', Overwrite: true };
  // @ts-expect-error Type is an enum of the model's values
  const badType: Input<'PutParameter'> = { Name: 'n', Value: 'v', Type: 'Secure' };
  // @ts-expect-error Name is required
  const missing: Input<'PutParameter'> = { Value: 'v' };
  // @ts-expect-error members are spelled as in the model
  const typo: Output<'PutParameter'> = { Versoin: 1 };
  const out: Output<'PutParameter'> = { Version: 1, Tier: 'Standard' };
  const key: KmsOutput<'Encrypt'> = { CiphertextBlob: new Uint8Array(1) };
  const creds: StsOutput<'GetCallerIdentity'> = { Account: '123456789012' };
  const user: IamInput<'CreateUser'> = { UserName: 'alice', Tags: [{ Key: 'team', Value: 'ops' }] };
  const op: SsmOperationName = 'SendCommand';
  assert.ok(put && badType && missing && typo && out && key && creds && user);
  assert.ok(operationNames('ssm').includes(op));
});

it('operationNames lists every modeled operation', () => {
  assert.equal(operationNames('ssm').length, 152);
  assert.equal(operationNames('kms').length, 54);
  assert.equal(operationNames('sts').length, 11);
  assert.equal(operationNames('iam').length, 176);
});
