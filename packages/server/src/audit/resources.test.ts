import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resourcesFromArns } from './resources';

describe('resourcesFromArns', () => {
  it('names parameters, users and keys the way LookupEvents shows them', () => {
    assert.deepEqual(resourcesFromArns([
      'arn:aws:ssm:us-east-1:111111111111:parameter/app/db/url',
      'arn:aws:ssm:us-east-1:111111111111:parameter/flat',
      'arn:aws:iam::111111111111:user/division/alice',
      'arn:aws:kms:us-east-1:111111111111:key/1234abcd',
    ]).map(({ type, name }) => [type, name]), [
      ['AWS::SSM::Parameter', '/app/db/url'],
      ['AWS::SSM::Parameter', 'flat'],
      ['AWS::IAM::User', 'alice'],
      ['AWS::KMS::Key', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd'],
    ]);
  });

  it('leaves out wildcards, duplicates and things that are not ARNs', () => {
    const arn = 'arn:aws:ssm:us-east-1:111111111111:document/Run';
    assert.deepEqual(resourcesFromArns(['*', 'arn:aws:ssm:us-east-1:111111111111:parameter/*', 'nonsense', arn, arn]), [
      { type: 'AWS::SSM::Document', name: 'Run', arn },
    ]);
  });
});
