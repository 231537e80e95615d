import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidName, parameterArn, parseNameReference, parentPath, normalisePath } from './names';
import { isValidLabel, partitionLabels } from './labels';
import { parsePolicies } from './policies';
import { assertMatchesPattern, assertValueFits, chooseTier } from './value-rules';

const code = (fn: () => unknown) => {
  try { fn(); } catch (e) { return (e as { code: string }).code; }
  return 'ok';
};

describe('parameter names', () => {
  it('forms the ARN as AWS does for rooted and plain names', () => {
    assert.equal(parameterArn('us-east-1', '123456789012', '/dept/app/db/pwd'), 'arn:aws:ssm:us-east-1:123456789012:parameter/dept/app/db/pwd');
    assert.equal(parameterArn('eu-west-1', '123456789012', 'plain'), 'arn:aws:ssm:eu-west-1:123456789012:parameter/plain');
  });

  it('accepts letters, digits, . - _ and /-rooted paths; refuses the rest', () => {
    for (const ok of ['a', '/a/b.c-d_e', 'Name_1', '/x']) assert.equal(code(() => assertValidName(ok, 'us-east-1', '1')), 'ok', ok);
    for (const bad of ['a b', 'a/b', '/a//b', '/a/', 'x@y', '/a/b$', 'aws-thing', '/SSM/x', 'awsome']) {
      assert.equal(code(() => assertValidName(bad, 'us-east-1', '1')), 'ValidationException', bad);
    }
    assert.equal(code(() => assertValidName('/aws/service/x', 'us-east-1', '1', false)), 'ok');
  });

  it('allows 15 levels and refuses 16', () => {
    const levels = (n: number) => '/' + Array.from({ length: n }, (_, i) => `l${i}`).join('/');
    assert.equal(code(() => assertValidName(levels(15), 'us-east-1', '1')), 'ok');
    assert.equal(code(() => assertValidName(levels(16), 'us-east-1', '1')), 'HierarchyLevelLimitExceededException');
  });

  it('counts the 1011-character limit over the whole ARN', () => {
    const prefix = parameterArn('us-east-1', '123456789012', '/').length;
    const fits = '/' + 'a'.repeat(1011 - prefix);
    assert.equal(code(() => assertValidName(fits, 'us-east-1', '123456789012')), 'ok');
    assert.equal(code(() => assertValidName(fits + 'a', 'us-east-1', '123456789012')), 'ValidationException');
  });

  it('parses version and label selectors and parent paths', () => {
    assert.deepEqual(parseNameReference('/a/b:3'), { name: '/a/b', version: 3, selector: ':3' });
    assert.deepEqual(parseNameReference('/a/b:prod'), { name: '/a/b', label: 'prod', selector: ':prod' });
    assert.deepEqual(parseNameReference('plain'), { name: 'plain' });
    assert.equal(parentPath('/a/b/c'), '/a/b');
    assert.equal(parentPath('/c'), '/');
    assert.equal(parentPath('c'), '');
    assert.equal(normalisePath('/a/b/'), '/a/b');
    assert.equal(normalisePath('/'), '/');
  });
});

describe('labels', () => {
  it('follows AWS label rules', () => {
    for (const ok of ['prod', 'Release-1.2_x', 'a'.repeat(100)]) assert.ok(isValidLabel(ok), ok);
    for (const bad of ['1st', 'aws-x', 'SSMlabel', 'a/b', 'a b', 'a'.repeat(101), '']) assert.ok(!isValidLabel(bad), bad);
    assert.deepEqual(partitionLabels(['a', '9', 'a', 'b']), { valid: ['a', 'b'], invalid: ['9'] });
  });
});

describe('values and tiers', () => {
  it('keeps 4 KB for standard, 8 KB for advanced, never downgrades', () => {
    assert.equal(code(() => assertValueFits('x'.repeat(4096), 'Standard', false)), 'ok');
    assert.equal(code(() => assertValueFits('x'.repeat(4097), 'Standard', false)), 'ValidationException');
    assert.equal(code(() => assertValueFits('x'.repeat(8192), 'Advanced', false)), 'ok');
    assert.equal(code(() => assertValueFits('x'.repeat(8193), 'Advanced', false)), 'ValidationException');
    assert.equal(chooseTier('Intelligent-Tiering', undefined, 'x'.repeat(5000), false), 'Advanced');
    assert.equal(chooseTier('Intelligent-Tiering', undefined, 'x', false), 'Standard');
    assert.equal(chooseTier('Intelligent-Tiering', undefined, 'x', true), 'Advanced');
    assert.equal(chooseTier(undefined, 'Advanced', 'x', false), 'Advanced');
    assert.equal(code(() => chooseTier('Standard', 'Advanced', 'x', false)), 'ValidationException');
  });

  it('matches AllowedPattern against the whole value and never echoes the value', () => {
    assert.equal(code(() => assertMatchesPattern('12345', '^\\d+$')), 'ok');
    try {
      assertMatchesPattern('s3cret-value', '\\d+');
      assert.fail('should refuse');
    } catch (e) {
      assert.equal((e as { code: string }).code, 'ParameterPatternMismatchException');
      assert.ok(!(e as Error).message.includes('s3cret'));
    }
  });
});

describe('policies', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  it('parses the three policy types', () => {
    const parsed = parsePolicies(JSON.stringify([
      { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: '2030-02-01T00:00:00.000Z' } },
      { Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '5', Unit: 'Days' } },
      { Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '2', Unit: 'Hours' } },
    ]), now);
    assert.deepEqual(parsed.map((p) => p.type), ['Expiration', 'ExpirationNotification', 'NoChangeNotification']);
    assert.equal(parsed[1].offsetMs, 5 * 86_400_000);
    assert.equal(parsed[2].offsetMs, 2 * 3_600_000);
  });

  it('refuses what AWS refuses', () => {
    const p = (x: unknown) => code(() => parsePolicies(JSON.stringify(x), now));
    assert.equal(p([{ Type: 'Nope', Version: '1.0', Attributes: {} }]), 'InvalidPolicyTypeException');
    assert.equal(p([{ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: '2020-01-01T00:00:00Z' } }]), 'InvalidPolicyAttributeException');
    assert.equal(p([{ Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '2', Unit: 'Weeks' } }]), 'InvalidPolicyAttributeException');
    const exp = { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: '2030-02-01T00:00:00Z' } };
    assert.equal(p([exp, exp]), 'IncompatiblePolicyException');
    assert.equal(code(() => parsePolicies('not json', now)), 'ValidationException');
  });
});
