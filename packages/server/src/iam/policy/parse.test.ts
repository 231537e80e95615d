import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy, parseTrustPolicy } from './parse';
import { PolicyError } from './types';

const ok = { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/x' };
const doc = (statement: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra });

/** Each row: what is wrong, the document, and IAM's MalformedPolicyDocument message. */
const refused: Array<[string, string, string]> = [
  ['not JSON', 'This is not a json document', 'Syntax errors in policy.'],
  ['a JSON array', '[]', 'Syntax errors in policy.'],
  ['unknown Version', JSON.stringify({ Version: '2013-10-17', Statement: ok }), 'Syntax errors in policy.'],
  ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'Syntax errors in policy.'],
  ['empty Statement array', doc([]), 'Syntax errors in policy.'],
  ['statement is a string', doc(['afd']), 'Syntax errors in policy.'],
  ['unknown top-level element', doc(ok, { Extra: 'value' }), 'Syntax errors in policy.'],
  ['unknown statement element', doc({ ...ok, Extra: 'value' }), 'Syntax errors in policy.'],
  ['Id is not a string', doc(ok, { Id: ['x'] }), 'Syntax errors in policy.'],
  ['missing Effect', doc({ Action: ok.Action, Resource: ok.Resource }), 'Syntax errors in policy.'],
  ['Effect is neither Allow nor Deny', doc({ ...ok, Effect: 'Permit' }), 'Syntax errors in policy.'],
  ['Action together with NotAction', doc({ ...ok, NotAction: 's3:ListBucket' }), 'Syntax errors in policy.'],
  ['Resource together with NotResource', doc({ ...ok, NotResource: '*' }), 'Syntax errors in policy.'],
  ['Action is an object', doc({ ...ok, Action: {} }), 'Syntax errors in policy.'],
  ['Resource list holds an object', doc({ ...ok, Resource: ['arn:aws:s3:::b', {}] }), 'Syntax errors in policy.'],
  ['Condition is a list', doc({ ...ok, Condition: [] }), 'Syntax errors in policy.'],
  ['unknown condition operator', doc({ ...ok, Condition: { StringEqualz: { 'aws:username': 'bob' } } }), 'Syntax errors in policy.'],
  ['NullIfExists is not an operator', doc({ ...ok, Condition: { NullIfExists: { 'aws:username': 'true' } } }), 'Syntax errors in policy.'],
  ['bad set qualifier', doc({ ...ok, Condition: { 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'a' } } }), 'Syntax errors in policy.'],
  ['condition value is an object', doc({ ...ok, Condition: { StringEquals: { 'aws:username': {} } } }), 'Syntax errors in policy.'],
  ['managed policy without Version', JSON.stringify({ Statement: ok }), 'Policy document must be version 2012-10-17 or greater.'],
  ['lower-case Effect', doc({ ...ok, Effect: 'allow' }), 'The policy failed legacy parsing'],
  ['bad date in a Date condition', doc({ ...ok, Condition: { DateGreaterThan: { 'aws:CurrentTime': 'yesterday' } } }), 'The policy failed legacy parsing'],
  ['bad number in a Numeric condition', doc({ ...ok, Condition: { NumericLessThan: { 'ssm:MaxResults': 'ten' } } }), 'The policy failed legacy parsing'],
  ['five-part ARN', doc({ ...ok, Resource: 'arn:aws:s3::example_bucket' }), 'The policy failed legacy parsing'],
  ['duplicate Sid', doc([{ ...ok, Sid: 'A' }, { ...ok, Sid: 'A' }]), 'Statement IDs (SID) in a single policy must be unique.'],
  ['Principal in an identity policy', doc({ ...ok, Principal: { AWS: '123456789012' } }), 'Policy document should not specify a principal.'],
  ['no Action', doc({ Effect: 'Allow', Resource: '*' }), 'Policy statement must contain actions.'],
  ['empty Action list', doc({ ...ok, Action: [] }), 'Policy statement must contain actions.'],
  ['no Resource', doc({ Effect: 'Allow', Action: 'ssm:GetParameter' }), 'Policy statement must contain resources.'],
  ['empty Resource list', doc({ ...ok, Resource: [] }), 'Policy statement must contain resources.'],
  ['Action without a vendor', doc({ ...ok, Action: 'GetParameter' }), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
  ['Action with two colons', doc({ ...ok, Action: 'ssm:Get:Parameter' }), 'Actions/Condition can contain only one colon.'],
  ['vendor with a space', doc({ ...ok, Action: 'a a:ListBucket' }), 'Vendor a a is not valid'],
  ['Resource that is not an ARN', doc({ ...ok, Resource: 'my-parameter' }), 'Resource my-parameter must be in ARN format or "*".'],
  ['empty Resource string', doc({ ...ok, Resource: '' }), 'Resource  must be in ARN format or "*".'],
  ['ARN with an unknown partition', doc({ ...ok, Resource: 'arn:error:s3:::bucket' }), 'Partition "error" is not valid for resource "arn:error:s3:::bucket".'],
  ['ARN without a service', doc({ ...ok, Resource: 'arn:aws' }), 'Resource vendor must be fully qualified and cannot contain regexes.'],
];

describe('parsePolicy refuses what IAM refuses, with its words', () => {
  for (const [what, text, message] of refused) {
    it(what, () => {
      const managed = what.startsWith('managed');
      assert.throws(() => parsePolicy(text, { managed }), (e: unknown) => {
        assert.ok(e instanceof PolicyError);
        assert.equal(e.code, 'MalformedPolicyDocument');
        assert.equal(e.message, message);
        return true;
      });
    });
  }
});

describe('parsePolicy accepts and normalises valid documents', () => {
  it('turns string fields into lists and keeps the version', () => {
    const policy = parsePolicy(doc(ok));
    assert.equal(policy.version, '2012-10-17');
    assert.deepEqual(policy.statements[0].action, ['ssm:GetParameter']);
    assert.deepEqual(policy.statements[0].resource, [ok.Resource]);
  });
  it('accepts 2008-10-17 and no Version for inline policies', () => {
    assert.equal(parsePolicy(JSON.stringify({ Version: '2008-10-17', Statement: ok })).version, '2008-10-17');
    assert.equal(parsePolicy(JSON.stringify({ Statement: [ok] })).version, undefined);
  });
  it('keeps condition values written as numbers and booleans as text', () => {
    const policy = parsePolicy(doc({ ...ok, Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'ssm:MaxResults': 10 } } }));
    assert.deepEqual(policy.statements[0].condition, { Bool: { 'aws:SecureTransport': ['true'] }, NumericLessThan: { 'ssm:MaxResults': ['10'] } });
  });
  it('accepts every operator family with qualifiers and IfExists', () => {
    const condition = {
      'ForAnyValue:StringLike': { 'aws:TagKeys': 'team-*' },
      'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': ['a'] },
      DateLessThanIfExists: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
      IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] },
      ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' },
      Null: { 'aws:PrincipalTag/team': 'false' },
      BinaryEquals: { 'ssm:Blob': 'QQ==' },
    };
    assert.equal(Object.keys(parsePolicy(doc({ ...ok, Condition: condition })).statements[0].condition ?? {}).length, 7);
  });
});

describe('trust policies', () => {
  const trust = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' };
  it('accepts a principal and no resource', () => {
    assert.deepEqual(parseTrustPolicy(doc(trust)).statements[0].principal, { AWS: ['arn:aws:iam::123456789012:root'] });
  });
  it('refuses a Resource', () => {
    assert.throws(() => parseTrustPolicy(doc({ ...trust, Resource: '*' })), /^PolicyError: Has prohibited field Resource$/);
  });
  it('refuses a statement without a principal', () => {
    assert.throws(() => parseTrustPolicy(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' })), /Missing required field Principal/);
  });
  it('refuses a malformed AWS principal', () => {
    assert.throws(() => parseTrustPolicy(doc({ ...trust, Principal: { AWS: 'bob' } })), /Invalid principal in policy: "AWS":"bob"/);
  });
});
