import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesPattern, parseEventPattern, PatternError } from './pattern';

const change = {
  version: '0',
  id: 'e1',
  'detail-type': 'Parameter Store Change',
  source: 'aws.ssm',
  account: '123456789012',
  time: '2026-11-28T14:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ssm:us-east-1:123456789012:parameter/dept/app/db'],
  detail: { operation: 'Update', name: '/dept/app/db', type: 'SecureString', version: 7, tags: ['a', 'b'] },
};
const matches = (pattern: string) => matchesPattern(parseEventPattern(pattern), change);

describe('event patterns', () => {
  it('matches on source, detail-type and detail fields, all of them', () => {
    assert.equal(matches('{"source":["aws.ssm"]}'), true);
    assert.equal(matches('{"source":["aws.ec2"]}'), false);
    assert.equal(matches('{"source":["aws.ssm"],"detail-type":["Parameter Store Change"],"detail":{"operation":["Create","Update"]}}'), true);
    assert.equal(matches('{"source":["aws.ssm"],"detail":{"operation":["Delete"]}}'), false);
  });

  it('matches an array field when any element matches, and resources by ARN', () => {
    assert.equal(matches('{"detail":{"tags":["b"]}}'), true);
    assert.equal(matches('{"resources":[{"prefix":"arn:aws:ssm:us-east-1:123456789012:parameter/dept/"}]}'), true);
  });

  it('supports prefix, suffix, anything-but, numeric, exists, equals-ignore-case and wildcard', () => {
    assert.equal(matches('{"detail":{"name":[{"prefix":"/dept/app"}]}}'), true);
    assert.equal(matches('{"detail":{"name":[{"prefix":"/other"}]}}'), false);
    assert.equal(matches('{"detail":{"name":[{"suffix":"/db"}]}}'), true);
    assert.equal(matches('{"detail":{"operation":[{"anything-but":["Delete","Create"]}]}}'), true);
    assert.equal(matches('{"detail":{"operation":[{"anything-but":"Update"}]}}'), false);
    assert.equal(matches('{"detail":{"name":[{"anything-but":{"prefix":"/dept"}}]}}'), false);
    assert.equal(matches('{"detail":{"version":[{"numeric":[">",5,"<=",7]}]}}'), true);
    assert.equal(matches('{"detail":{"version":[{"numeric":[">",7]}]}}'), false);
    assert.equal(matches('{"detail":{"description":[{"exists":false}]}}'), true);
    assert.equal(matches('{"detail":{"name":[{"exists":true}]}}'), true);
    assert.equal(matches('{"detail":{"missing":[{"anything-but":"x"}]}}'), false);
    assert.equal(matches('{"detail":{"type":[{"equals-ignore-case":"securestring"}]}}'), true);
    assert.equal(matches('{"detail":{"name":[{"wildcard":"/dept/*/db"}]}}'), true);
    assert.equal(matches('{"detail":{"name":[{"wildcard":"/dept/*/x"}]}}'), false);
  });

  it('refuses malformed patterns with a reason', () => {
    for (const bad of ['not json', '[]', '{"source":"aws.ssm"}', '{"source":[]}', '{"source":[{"foo":1}]}', '{"n":[{"numeric":["~",1]}]}', '{"n":[{"exists":"yes"}]}']) {
      assert.throws(() => parseEventPattern(bad), PatternError, bad);
    }
  });
});
