import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../operations/errors';
import { builtinView } from './resolve';
import { findBuiltin } from './builtins/index';
import { parseContent } from './content';
import type { ExecutableDocument } from './executable';
import { renderSteps } from './render-steps';
import { resolveParameters } from './resolve-parameters';
import { validateContent } from './validate';

function executable(name: string, content: object): ExecutableDocument {
  const facts = validateContent('Command', content);
  return { name, arn: `arn:aws:ssm:us-east-1:111122223333:document/${name}`, documentVersion: '1', documentType: 'Command', schemaVersion: facts.schemaVersion, content, parameters: facts.parameters, platformTypes: facts.platformTypes };
}

function builtin(name: string): ExecutableDocument {
  const b = findBuiltin(name)!;
  const view = builtinView({ region: 'us-east-1' } as never, b);
  return { name, arn: view.arn, documentVersion: '1', documentType: 'Command', schemaVersion: b.schemaVersion, content: parseContent(b.content, 'JSON'), parameters: b.parameters, platformTypes: b.platformTypes };
}

const store: Record<string, string> = { '/app/greeting': 'hello', '/app/dir': '/srv' };
const readParameter = async (name: string) => {
  if (!(name in store)) throw new AwsError('InvalidParameters', `SSM parameter ${name} not found`);
  return store[name];
};

describe('renderSteps', () => {
  it('AWS-RunShellScript (schema 1.2) becomes one aws:runShellScript step with typed values', async () => {
    const doc = builtin('AWS-RunShellScript');
    const steps = await renderSteps(doc, resolveParameters(doc, { commands: ['echo {{ssm:/app/greeting}}', 'uptime'], workingDirectory: ['{{ssm:/app/dir}}'] }), readParameter);
    assert.deepEqual(steps, [{
      name: '0.aws:runShellScript',
      action: 'aws:runShellScript',
      inputs: { runCommand: ['echo hello', 'uptime'], workingDirectory: '/srv', timeoutSeconds: '3600' },
    }]);
  });

  it('2.2: substitutes inside text, keeps preconditions, resolves references the document itself makes', async () => {
    const doc = executable('Greet', {
      schemaVersion: '2.2',
      parameters: { who: { type: 'String', default: 'world' }, lines: { type: 'StringList', default: ['a', 'b'] } },
      mainSteps: [{
        action: 'aws:runShellScript', name: 'greet', precondition: { StringEquals: ['platformType', 'Linux'] },
        inputs: { runCommand: ['echo "{{ssm:/app/greeting}}, {{ who }}"', 'printf "{{lines}}"'] },
      }],
    });
    const [step] = await renderSteps(doc, resolveParameters(doc, { who: ['bosun'] }), readParameter);
    assert.deepEqual(step.inputs.runCommand, ['echo "hello, bosun"', 'printf "a\nb"']);
    assert.deepEqual(step.precondition, { StringEquals: ['platformType', 'Linux'] });
  });

  it('a missing {{ssm:…}} parameter fails the rendering with the reader\'s error', async () => {
    const doc = builtin('AWS-RunShellScript');
    await assert.rejects(renderSteps(doc, resolveParameters(doc, { commands: ['echo {{ssm:/nope}}'] }), readParameter), /\/nope not found/);
  });

  it('aws:runDocument (and AWS-RunDocument with sourceType SSMDocument) expands into the nested document\'s steps', async () => {
    const inner = executable('Inner', {
      schemaVersion: '2.2', parameters: { msg: { type: 'String' } },
      mainSteps: [{ action: 'aws:runShellScript', name: 'say', inputs: { runCommand: ['echo {{ msg }}'] } }],
    });
    const outer = executable('Outer', {
      schemaVersion: '2.2',
      mainSteps: [
        { action: 'aws:runShellScript', name: 'first', inputs: { runCommand: ['true'] } },
        { action: 'aws:runDocument', name: 'nested', inputs: { documentType: 'SSMDocument', documentPath: 'Inner', documentParameters: { msg: 'from outer' } } },
      ],
    });
    const loaded: Array<[string, string | undefined]> = [];
    const loadDocument = async (name: string, version?: string) => {
      loaded.push([name, version]);
      if (name === 'Inner') return inner;
      throw new AwsError('InvalidDocument', `Document with name ${name} does not exist.`);
    };
    const steps = await renderSteps({ ...outer, loadDocument }, {}, readParameter);
    assert.deepEqual(steps.map((s) => [s.name, s.inputs.runCommand]), [['first', ['true']], ['nested.say', ['echo from outer']]]);

    assert.deepEqual(loaded, [['Inner', undefined]]);

    const run = { ...builtin('AWS-RunDocument'), loadDocument };
    await renderSteps(run, resolveParameters(run, { sourceType: ['SSMDocument'], sourceInfo: ['{"name":"Inner:$LATEST"}'], documentParameters: ['{"msg":"x"}'] }), readParameter);
    assert.deepEqual(loaded.at(-1), ['Inner', '$LATEST']);
    const viaBuiltin = await renderSteps(run, resolveParameters(run, { sourceType: ['SSMDocument'], sourceInfo: ['{"name":"Inner"}'], documentParameters: ['{"msg":"hi"}'] }), readParameter);
    assert.deepEqual(viaBuiltin.map((s) => [s.name, s.inputs.runCommand]), [['runDocument.say', ['echo hi']]]);
    await assert.rejects(renderSteps(run, resolveParameters(run, { sourceType: ['SSMDocument'], sourceInfo: ['{"name":"Gone"}'] }), readParameter), /Gone does not exist/);
    // Other sources reach the agent as one aws:runDocument step.
    const s3 = await renderSteps(run, resolveParameters(run, { sourceType: ['S3'], sourceInfo: ['{"path":"https://x/y.json"}'] }), readParameter);
    assert.deepEqual(s3.map((s) => [s.action, s.inputs.documentType]), [['aws:runDocument', 'S3']]);
  });

  it('refuses nesting deeper than three levels', async () => {
    const self: ExecutableDocument = executable('Loop', {
      schemaVersion: '2.2',
      mainSteps: [{ action: 'aws:runDocument', name: 'again', inputs: { documentType: 'SSMDocument', documentPath: 'Loop' } }],
    });
    self.loadDocument = async () => self;
    await assert.rejects(renderSteps(self, {}, readParameter), /more than 3 levels/);
  });
});
