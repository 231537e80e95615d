import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionMatches, arnConditionMatches, globMatch, plainPattern, resourceMatches } from './match';

const ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/x';

describe('wildcard matching', () => {
  it('a * in the middle of an ARN segment does not run past its colon', () => {
    assert.equal(resourceMatches(plainPattern('arn:aws:ssm:u*1:parameter/x'), ARN), false);
    assert.equal(resourceMatches(plainPattern('arn:aws:ssm:u*1:*:parameter/x'), ARN), true);
  });
  it('a * ending a segment may run past colons', () => {
    assert.equal(resourceMatches(plainPattern('arn:aws:ssm:us-east-1*'), ARN), true);
  });
  it('text from a policy variable is literal, so its * is not a wildcard', () => {
    const parts = [{ text: 'arn:aws:ssm:us-east-1:123456789012:parameter/', literal: false }, { text: '*', literal: true }];
    assert.equal(resourceMatches(parts, ARN), false);
    assert.equal(resourceMatches(parts, 'arn:aws:ssm:us-east-1:123456789012:parameter/*'), true);
  });
  it('actions ignore case, resources do not', () => {
    assert.equal(actionMatches('SSM:Get*', 'ssm:getparameter'), true);
    assert.equal(resourceMatches(plainPattern(ARN.toUpperCase()), ARN), false);
  });
  it('StringLike globs span the whole value and respect case', () => {
    assert.equal(globMatch(plainPattern('a*c'), 'abbbc'), true);
    assert.equal(globMatch(plainPattern('a*c'), 'abbbcd'), false);
    assert.equal(globMatch(plainPattern('A*'), 'abc'), false);
  });
  it('Arn conditions compare each of the six parts on its own', () => {
    assert.equal(arnConditionMatches(plainPattern('arn:aws:ssm:*:*:parameter/*'), ARN), true);
    assert.equal(arnConditionMatches(plainPattern('arn:aws:ssm:*'), ARN), false);
    assert.equal(arnConditionMatches(plainPattern('arn:aws:ssm:*:*:*'), 'not-an-arn'), false);
  });
});
