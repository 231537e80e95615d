import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contracts } from '../contracts';
import { compileJavaPattern, matchesJavaPattern } from './java-regex';

describe('Java model patterns in JavaScript', () => {
  it('matches the whole value, as Matcher.matches() does', () => {
    assert.equal(matchesJavaPattern('[\\w+=,.@-]+', 'alice@example'), true);
    assert.equal(matchesJavaPattern('[\\w+=,.@-]+', 'alice smith'), false);
    assert.equal(matchesJavaPattern('tag:.+|Name|Type', 'Names'), false);
  });

  it('understands a leading (?i)', () => {
    assert.equal(matchesJavaPattern('(?i)all|[0-9]{12}', 'ALL'), true);
    assert.equal(matchesJavaPattern('(?i)all|[0-9]{12}', '12345678901'), false);
  });

  it('reads escapes JS u-mode refuses (\\- \\: outside classes, \\w- inside)', () => {
    assert.equal(matchesJavaPattern('^[\\w\\.\\-\\:\\/ ]*$', 'My doc: v1.0/x'), true);
    assert.equal(matchesJavaPattern('^[0-9a-f]{8}\\-[0-9a-f]{4}$', '0123abcd-ef01'), true);
    assert.equal(matchesJavaPattern('role\\/[\\w-\\/.@+=,]{1,5}', 'role/a-b/c'), true);
  });

  it('POSIX classes and possessive quantifiers', () => {
    assert.equal(matchesJavaPattern('\\p{Alnum}++', 'abc123'), true);
    assert.equal(matchesJavaPattern('\\p{Alnum}++', 'abc-123'), false);
  });

  it('a pattern JS cannot express is skipped, never thrown', () => {
    assert.equal(compileJavaPattern('[a-z&&[^b]]'), null);
    assert.equal(matchesJavaPattern('[a-z&&[^b]]', 'anything'), true);
    assert.doesNotThrow(() => matchesJavaPattern('(unclosed', 'x'));
  });

  it('every pattern in the four models compiles', () => {
    const patterns = new Set<string>();
    for (const c of Object.values(contracts)) {
      for (const s of Object.values(c.shapes)) if (s.type === 'string' && s.pattern) patterns.add(s.pattern);
    }
    const failing = [...patterns].filter((p) => compileJavaPattern(p) === null);
    assert.deepEqual(failing, []);
  });
});
