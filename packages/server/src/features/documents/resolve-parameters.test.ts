import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findBuiltin } from './builtins/index';
import { parseParameterSpecs } from './parameter-spec';
import { resolveParameters } from './resolve-parameters';

const doc = {
  parameters: parseParameterSpecs({
    name: { type: 'String', allowedPattern: '[a-z]+', minChars: 2, maxChars: 5 },
    color: { type: 'String', default: 'red', allowedValues: ['red', 'blue'] },
    items: { type: 'StringList', default: [], maxItems: 2 },
    on: { type: 'Boolean', default: false },
    count: { type: 'Integer', default: 1 },
    env: { type: 'StringMap', default: {} },
    rows: { type: 'MapList', default: [] },
  }),
};

const invalid = (given: Record<string, string[]>, message: RegExp) =>
  assert.throws(() => resolveParameters(doc, given), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'InvalidParameters');
    assert.match(e.message, message);
    return true;
  });

describe('SendCommand parameters against the document', () => {
  it('fills defaults and converts each type', () => {
    assert.deepEqual(resolveParameters(doc, { name: ['abc'], on: ['true'], count: ['7'], env: ['{"A":"1"}'], rows: ['{"k":1}', '{"k":2}'], items: ['x', 'y'] }), {
      name: 'abc', color: 'red', items: ['x', 'y'], on: true, count: 7, env: { A: '1' }, rows: [{ k: 1 }, { k: 2 }],
    });
  });

  it('refuses what the declarations forbid, saying why', () => {
    invalid({}, /"name" is required/);
    invalid({ name: ['abc'], extra: ['1'] }, /"extra" is not declared/);
    invalid({ name: ['ABC'] }, /does not match the allowed pattern/);
    invalid({ name: ['a'] }, /at least 2 character/);
    invalid({ name: ['abcdef'] }, /at most 5 character/);
    invalid({ name: ['ab', 'cd'] }, /exactly one value/);
    invalid({ name: ['ab'], color: ['green'] }, /not one of the allowed values: red, blue/);
    invalid({ name: ['ab'], items: ['1', '2', '3'] }, /at most 2 item/);
    invalid({ name: ['ab'], on: ['yes'] }, /neither true nor false/);
    invalid({ name: ['ab'], count: ['1.5'] }, /not a whole number/);
    invalid({ name: ['ab'], env: ['[1]'] }, /give a JSON object/);
    invalid({ name: ['ab'], rows: ['{bad'] }, /not valid JSON/);
  });

  it('leaves {{ssm:…}} references for later, unchecked', () => {
    assert.equal(resolveParameters(doc, { name: ['{{ssm:/app/name}}'] }).name, '{{ssm:/app/name}}');
  });

  it('AWS-RunShellScript: commands required, executionTimeout 1..172800', () => {
    const shell = findBuiltin('AWS-RunShellScript')!;
    assert.deepEqual(resolveParameters(shell, { commands: ['uptime'] }), { commands: ['uptime'], workingDirectory: '', executionTimeout: '3600' });
    assert.throws(() => resolveParameters(shell, {}), /"commands" is required/);
    assert.throws(() => resolveParameters(shell, { commands: [] }), /at least 1 item/);
    assert.throws(() => resolveParameters(shell, { commands: ['x'], executionTimeout: ['172801'] }), /allowed pattern/);
    assert.equal(resolveParameters(shell, { commands: ['x'], executionTimeout: ['172800'] }).executionTimeout, '172800');
  });
});
